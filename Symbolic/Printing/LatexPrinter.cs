using System.Globalization;
using Symbolic.Graph;
using Item = Symbolic.Printing.LayoutItem;
using Operand = Symbolic.Printing.LayoutOperand;
using Text = Symbolic.Printing.LayoutText;

namespace Symbolic.Printing;

/// <summary>
/// Prints nodes as LaTeX math for documentation: <c>\frac</c>, <c>\sqrt</c>, powers as superscripts,
/// <c>\sin</c>-style function names, <c>\cdot</c> products, <c>\sum</c> for loops and <c>cases</c> for
/// conditionals, with the fewest <c>\left( \right)</c> that keep the meaning. Large expressions name
/// their shared parts (<c>\text{where } t_{1} = …</c>). Iterative, like <see cref="MathPrinter"/>.
/// </summary>
internal static class LatexPrinter
{
    // Binding strength, loosest first (operands inside braces, as in \frac{…}{…}, need none).
    private const int Conditional = 0, Or = 1, And = 2, Comparison = 3, Sum = 4, Product = 5, Prefix = 6, Power = 7, Atom = 8;

    private static readonly InfixWriter Writer = new(Layout, @"\left(", @"\right)");

    public static string Print(Node root) => Writer.Print(root, k => $"t_{{{k}}}", @" \quad\text{where } ", @",\; ");

    private static (int Strength, Item[] Parts) Layout(Node node) => node switch
    {
        ConstantNode c => (c.Value < 0 || double.IsNegative(c.Value) ? Prefix : Atom, [new Text(Number(c.Value))]),
        VariableNode v => (Atom, [new Text(Identifier(v.Parameter.Name ?? "x"))]),
        OpaqueNode o => (Atom, [new Text(@"\mathrm{" + Escape(MathPrinter.Print(o)) + "}")]),
        ElementNode e => (Atom, [new Text($"{Identifier(e.Array.Name ?? "x")}_{{{e.Index}}}")]),
        IndexedElementNode e => (Atom, [new Text($"{Identifier(e.Array.Name ?? "x")}_{{{Escape(IntegerPrinter.Print(e.Index))}}}")]),
        SumNode s => (Sum, [new Text(SumOperator(s) + " "), new Operand(s.Body, Product)]),
        ArgExtremumNode a => (Atom, [new Text($@"\operatorname{{arg\,{(a.IsMax ? "max" : "min")}}}_{{{Identifier(a.Index.Name ?? "i")}}} "), new Operand(a.Body, Atom)]),
        UnaryNode { Op: UnaryOp.Negate } u => (Prefix, [new Text("-"), new Operand(u.Operand, Product)]),
        UnaryNode { Op: UnaryOp.Sqrt } u => (Atom, [new Text(@"\sqrt{"), new Operand(u.Operand, Conditional), new Text("}")]),
        UnaryNode { Op: UnaryOp.Cbrt } u => (Atom, [new Text(@"\sqrt[3]{"), new Operand(u.Operand, Conditional), new Text("}")]),
        UnaryNode { Op: UnaryOp.Abs } u => (Atom, [new Text(@"\left|"), new Operand(u.Operand, Conditional), new Text(@"\right|")]),
        UnaryNode { Op: UnaryOp.Floor } u => (Atom, [new Text(@"\left\lfloor "), new Operand(u.Operand, Conditional), new Text(@"\right\rfloor")]),
        UnaryNode { Op: UnaryOp.Ceiling } u => (Atom, [new Text(@"\left\lceil "), new Operand(u.Operand, Conditional), new Text(@"\right\rceil")]),
        UnaryNode { Op: UnaryOp.Exp } u => (Power, [new Text("e^{"), new Operand(u.Operand, Conditional), new Text("}")]),
        UnaryNode u => Function(UnaryName(u.Op), u.Operand),
        BinaryNode { Op: BinaryOp.Add } b => (Sum, [new Operand(b.Left, Sum), new Text(" + "), new Operand(b.Right, Sum)]),
        BinaryNode { Op: BinaryOp.Subtract } b => (Sum, [new Operand(b.Left, Sum), new Text(" - "), new Operand(b.Right, Sum + 1)]),
        BinaryNode { Op: BinaryOp.Multiply } b when Square(b) is { } @base => (Power, [new Operand(@base, Atom), new Text("^{2}")]),
        BinaryNode { Op: BinaryOp.Multiply } b => (Product, [new Operand(b.Left, Product), new Text(@" \cdot "), new Operand(b.Right, Product)]),
        BinaryNode { Op: BinaryOp.Divide } b => (Atom, [new Text(@"\frac{"), new Operand(b.Left, Conditional), new Text("}{"), new Operand(b.Right, Conditional), new Text("}")]),
        BinaryNode { Op: BinaryOp.Pow } b => (Power, [new Operand(b.Left, Atom), new Text("^{"), new Operand(b.Right, Conditional), new Text("}")]),
        BinaryNode b => Function(BinaryName(b.Op), b.Left, b.Right),
        PowerNode { Exponent: 0.5 } p => (Atom, [new Text(@"\sqrt{"), new Operand(p.Base, Conditional), new Text("}")]),
        PowerNode { Exponent: -1 } p => (Atom, [new Text(@"\frac{1}{"), new Operand(p.Base, Conditional), new Text("}")]),
        PowerNode p => (Power, [new Operand(p.Base, Atom), new Text("^{" + Number(p.Exponent) + "}")]),
        ConditionalNode c => (Atom, [new Text(@"\begin{cases} "), new Operand(c.IfTrue, Conditional), new Text(@" & \text{if } "), new Operand(c.Test, Conditional),
            new Text(@" \\ "), new Operand(c.IfFalse, Conditional), new Text(@" & \text{otherwise} \end{cases}")]),
        ComparisonNode c => (Comparison, [new Operand(c.Left, Sum), new Text($" {ComparisonSymbol(c.Op)} "), new Operand(c.Right, Sum)]),
        LogicalNode { Op: LogicalOp.Not } l => (Prefix, [new Text(@"\lnot "), new Operand(l.Children[0], Prefix)]),
        LogicalNode { Op: LogicalOp.And } l => (And, [new Operand(l.Children[0], And), new Text(@" \land "), new Operand(l.Children[1], And + 1)]),
        LogicalNode l => (Or, [new Operand(l.Children[0], Or), new Text(@" \lor "), new Operand(l.Children[1], Or + 1)]),
        CallNode c => (Atom, [new Text(@"\operatorname{" + c.Method.Name + @"}\left("), .. Arguments(c.Children.ToArray()), new Text(@"\right)")]),
        _ => throw new InvalidOperationException($"The LaTeX printer has no case for {node.GetType().Name}."),
    };

    /// <summary><c>\sum_{i=0}^{9}</c> for a constant count, <c>\sum_{0 \le i &lt; \text{x.Length - 1}}</c> otherwise.</summary>
    private static string SumOperator(SumNode sum)
    {
        var index = Identifier(sum.Index.Name ?? "i");
        var count = IntegerPrinter.Print(sum.Count);
        return int.TryParse(count, NumberStyles.Integer, CultureInfo.InvariantCulture, out var constant)
            ? $@"\sum_{{{index}=0}}^{{{constant - 1}}}"
            : $@"\sum_{{0 \le {index} < \text{{{Escape(count)}}}}}";
    }

    /// <summary>x·x, the emitter's square, reads as x².</summary>
    private static Node? Square(BinaryNode product) => product.Left == product.Right ? product.Left : null;

    private static IEnumerable<Item> Arguments(Node[] arguments) =>
        arguments.SelectMany((a, k) => k == 0 ? new Item[] { new Operand(a, Conditional) } : [new Text(", "), new Operand(a, Conditional)]);

    private static (int, Item[]) Function(string name, params Node[] arguments) =>
        (Atom, [new Text(name + @"\left("), .. Arguments(arguments), new Text(@"\right)")]);

#pragma warning disable IDE0055 // a lookup table: related arms share a line
    private static string UnaryName(UnaryOp op) => op switch
    {
        UnaryOp.Sin or UnaryOp.Cos or UnaryOp.Tan or UnaryOp.Sinh or UnaryOp.Cosh or UnaryOp.Tanh or UnaryOp.Log => @"\" + MathPrinter.FunctionName(op),
        UnaryOp.Asin => @"\arcsin", UnaryOp.Acos => @"\arccos", UnaryOp.Atan => @"\arctan",
        UnaryOp.Log10 => @"\log_{10}", UnaryOp.Log2 => @"\log_{2}",
        _ => @"\operatorname{" + MathPrinter.FunctionName(op) + "}",
    };
#pragma warning restore IDE0055

#pragma warning disable IDE0055 // a lookup table: related arms share a line
    private static string BinaryName(BinaryOp op) => op switch
    {
        BinaryOp.Max => @"\max", BinaryOp.Min => @"\min", BinaryOp.LogBase => @"\log",
        _ => @"\operatorname{" + MathPrinter.FunctionName(op) + "}",
    };
#pragma warning restore IDE0055

#pragma warning disable IDE0055 // a lookup table: related arms share a line
    private static string ComparisonSymbol(ComparisonOp op) => op switch
    {
        ComparisonOp.Equal => "=", ComparisonOp.NotEqual => @"\neq", ComparisonOp.LessThan => "<",
        ComparisonOp.LessThanOrEqual => @"\leq", ComparisonOp.GreaterThan => ">", ComparisonOp.GreaterThanOrEqual => @"\geq",
    };
#pragma warning restore IDE0055

    private static string Number(double value) => value switch
    {
        double.PositiveInfinity => @"\infty",
        double.NegativeInfinity => @"-\infty",
        _ when double.IsNaN(value) => @"\mathrm{NaN}",
        _ => Scientific(value.ToString("R", CultureInfo.InvariantCulture)),
    };

    // 1E-05 reads as 1 \times 10^{-5}.
    private static string Scientific(string number)
    {
        var e = number.IndexOf('E');
        if (e < 0) return number;
        var exponent = int.Parse(number[(e + 1)..], CultureInfo.InvariantCulture);
        return $@"{number[..e]} \times 10^{{{exponent}}}";
    }

    /// <summary>One-letter names print as they are; longer ones upright (<c>\mathrm{rate}</c>); Greek names as Greek letters.</summary>
    private static string Identifier(string name) => name switch
    {
        "alpha" or "beta" or "gamma" or "delta" or "epsilon" or "theta" or "lambda" or "mu" or "sigma" or "tau" or "phi" or "omega" => @"\" + name,
        { Length: 1 } => name,
        _ => @"\mathrm{" + Escape(name) + "}",
    };

    private static string Escape(string text) => text.Replace(@"\", @"\backslash ").Replace("_", @"\_").Replace("{", @"\{").Replace("}", @"\}").Replace("%", @"\%").Replace("#", @"\#").Replace("&", @"\&");
}
