using Symbolic.Samples;

namespace Symbolic.Tests.Samples;

/// <summary>
/// The samples' picture folder (samples/Shared/SampleOutput.cs, compiled into this project): ./output/&lt;Sample&gt;/
/// by default, --output DIR, --docs for the repository's docs/; wrong arguments rejected by name.
/// </summary>
public sealed class SampleOutputTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("symbolic-sample-output-");

    public void Dispose() => _scratch.Delete(recursive: true);

    private string Scratch(params string[] parts) => Path.Combine([_scratch.FullName, .. parts]);

    [Fact]
    public void Without_arguments_pictures_go_to_output_slash_the_sample_name_under_the_current_directory()
    {
        var output = SampleOutput.FromArguments([], "Mlp", Scratch("work"), Scratch("bin"));

        Assert.Equal(Scratch("work", "output", "Mlp"), output.Folder);
        Assert.Equal(Scratch("work", "output", "Mlp", "mlp-loss.png"), output.PathOf("mlp-loss.png"));
    }

    [Fact]
    public void Output_takes_a_folder_relative_to_the_current_directory_or_absolute()
    {
        Assert.Equal(Scratch("work", "pictures"), SampleOutput.FromArguments(["--output", "pictures"], "Mlp", Scratch("work"), Scratch("bin")).Folder);
        Assert.Equal(Scratch("elsewhere"), SampleOutput.FromArguments(["--output", Scratch("elsewhere")], "Mlp", Scratch("work"), Scratch("bin")).Folder);
    }

    [Fact]
    public void Docs_finds_the_docs_folder_beside_Symbolic_sln_above_the_current_directory()
    {
        Directory.CreateDirectory(Scratch("repo", "samples", "Mlp"));
        File.WriteAllText(Scratch("repo", "Symbolic.sln"), "");

        var output = SampleOutput.FromArguments(["--docs"], "Mlp", Scratch("repo", "samples", "Mlp"), Scratch("bin"));

        Assert.Equal(Scratch("repo", "docs"), output.Folder);
    }

    [Fact]
    public void Docs_falls_back_to_the_folders_above_the_program_when_the_current_directory_is_outside_the_clone()
    {
        Directory.CreateDirectory(Scratch("repo", "samples", "Mlp", "bin"));
        Directory.CreateDirectory(Scratch("work"));
        File.WriteAllText(Scratch("repo", "Symbolic.sln"), "");

        var output = SampleOutput.FromArguments(["--docs"], "Mlp", Scratch("work"), Scratch("repo", "samples", "Mlp", "bin"));

        Assert.Equal(Scratch("repo", "docs"), output.Folder);
    }

    [Fact]
    public void Docs_outside_a_clone_of_the_repository_is_rejected_naming_Symbolic_sln()
    {
        Directory.CreateDirectory(Scratch("work"));
        Directory.CreateDirectory(Scratch("bin"));

        var error = Assert.Throws<ArgumentException>(() => SampleOutput.FromArguments(["--docs"], "Mlp", Scratch("work"), Scratch("bin")));

        Assert.Equal("args", error.ParamName);
        Assert.Contains("Symbolic.sln", error.Message);
        Assert.Contains("--docs", error.Message);
    }

    [Theory]
    [InlineData("--output")]
    [InlineData("--output --docs")]
    public void Output_without_a_folder_is_rejected_naming_the_option(string commandLine)
    {
        var error = Assert.Throws<ArgumentException>(() => SampleOutput.FromArguments(commandLine.Split(' '), "Mlp", Scratch("work"), Scratch("bin")));

        Assert.Equal("args", error.ParamName);
        Assert.Contains("'--output' needs a folder", error.Message);
    }

    [Fact]
    public void An_unknown_argument_is_rejected_quoting_it()
    {
        var error = Assert.Throws<ArgumentException>(() => SampleOutput.FromArguments(["--ouput", "x"], "Mlp", Scratch("work"), Scratch("bin")));

        Assert.Contains("'--ouput'", error.Message);
    }

    [Fact]
    public void Docs_and_output_together_are_rejected_as_choosing_the_folder_twice()
    {
        var error = Assert.Throws<ArgumentException>(() => SampleOutput.FromArguments(["--docs", "--output", "x"], "Mlp", Scratch("work"), Scratch("bin")));

        Assert.Contains("'--docs' and '--output'", error.Message);
    }
}
