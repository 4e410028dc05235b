using FsCheck.Fluent;
using Symbolic.Tests.Linq.Generators;

namespace Symbolic.Tests.Linq;

/// <summary>The random LINQ models are what the properties rely on: every form, nesting, short arrays, and reads in bounds.</summary>
public class LinqModelGeneratorTests
{
    private static List<LinqModelCase> Sample(int maximumNesting, bool nestedOnly, int count) =>
        [.. LinqModelCase.Generator(maximumNesting, nestedOnly).Sample(size: 100, numberOfSamples: count)];

    private static IEnumerable<SumTerm> Sums(LinqModelCase c) => LinqTerms.Subterms(c.Term).Select(s => s.Term).OfType<SumTerm>();

    [Fact]
    public void Every_source_kind_and_both_aggregates_appear()
    {
        var sums = Sample(2, nestedOnly: false, 500).SelectMany(Sums).ToList();

        Assert.Empty(Enum.GetValues<SourceKind>().Except(sums.Select(s => s.Source)));
        Assert.Contains(sums, s => s.Average);
        Assert.Contains(sums, s => !s.Average);
    }

    [Fact]
    public void Nested_models_have_a_sum_inside_a_sum_and_flat_models_do_not()
    {
        Assert.All(Sample(2, nestedOnly: true, 100), c => Assert.Equal(2, LinqTerms.Depth(c.Term)));
        Assert.All(Sample(1, nestedOnly: false, 100), c => Assert.Equal(1, LinqTerms.Depth(c.Term)));
    }

    [Fact]
    public void Arrays_of_length_zero_and_one_appear_for_both_parameters_and_data()
    {
        var cases = Sample(2, nestedOnly: false, 300);

        Assert.Contains(cases, c => c.X.Length == 0);
        Assert.Contains(cases, c => c.X.Length == 1);
        Assert.Contains(cases, c => c.Data.Length == 0);
        Assert.Contains(cases, c => c.Data.Length == 1);
    }

    [Fact]
    public void Offsets_one_and_two_appear_on_parameters_and_data()
    {
        var leaves = Sample(2, nestedOnly: false, 300).SelectMany(c => LinqTerms.Subterms(c.Term)).Select(s => s.Term).ToList();

        Assert.Contains(leaves, t => t is ElementTerm { Offset: 2 });
        Assert.Contains(leaves, t => t is DataTerm { Offset: 2 });
    }

    [Fact]
    public void Only_constant_indexes_read_out_of_bounds_and_only_averages_of_nothing_throw_otherwise()
    {
        var evaluated = 0;
        foreach (var c in Sample(2, nestedOnly: false, 500))
        {
            var f = c.Model.Compile(preferInterpretation: true);
            try
            {
                _ = f(c.X, c.Data);
                evaluated++;
            }
            catch (IndexOutOfRangeException)
            {
                Assert.Contains(LinqTerms.Subterms(c.Term), s => s.Term is FixedTerm fixedIndex && fixedIndex.Index >= c.X.Length);
            }
            catch (InvalidOperationException)
            {
                Assert.Contains(Sums(c), s => s.Average);
            }
        }
        // Most models can be evaluated, so the properties compare derivatives, not just exceptions.
        Assert.True(evaluated > 300, $"only {evaluated} of 500 models evaluate");
    }

    [Fact]
    public void Every_shrink_of_a_model_is_still_in_bounds()
    {
        foreach (var c in Sample(2, nestedOnly: true, 40))
            foreach (var smaller in LinqTermShrinker.Shrink(c.Term))
            {
                var f = new LinqModelCase(smaller, c.X, c.Data).Model.Compile(preferInterpretation: true);
                try
                {
                    _ = f(c.X, c.Data);
                }
                catch (IndexOutOfRangeException)
                {
                    Assert.Contains(LinqTerms.Subterms(smaller), s => s.Term is FixedTerm fixedIndex && fixedIndex.Index >= c.X.Length);
                }
                catch (InvalidOperationException)
                {
                    Assert.Contains(LinqTerms.Subterms(smaller), s => s.Term is SumTerm { Average: true });
                }
            }
    }
}
