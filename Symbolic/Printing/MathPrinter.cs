using System.Globalization;
using System.Linq.Expressions;
using Symbolic.Diagnostics;
using Symbolic.Graph;
using Item = Symbolic.Printing.LayoutItem;
using Operand = Symbolic.Printing.LayoutOperand;
using Text = Symbolic.Printing.LayoutText;

namespace Symbolic.Printing;

/// <summary>
/// Prints nodes as conventional math text (<c>cos(x)*x + sin(x)</c>), with the fewest parentheses
/// that keep the meaning. Small expressions print inline; when inlining shared nodes would make the
/// text large, shared nodes are named and listed after <c>where</c>. Iterative, so a 100,000-deep
/// chain prints without exhausting the stack.
/// </summary>
internal static class MathPrinter
{
    // Binding strength, loosest first.
    private const int Conditional = 0, Or = 1, And = 2, Comparison = 3, Sum = 4, Product = 5, Prefix = 6, Power = 7, Atom = 8;

    private static readonly InfixWriter Writer = new(Layout, "(", ")");

    public static string Print(Node root) => Writer.Print(root, k => $"t{k}", " where ", "; ");

    /// <summary>How a node prints: its binding strength and its parts, operands annotated with the strength they need.</summary>
    private static (int Strength, Item[] Parts) Layout(Node node) => node switch
    {
        ConstantNode c => (c.Value < 0 || double.IsNegative(c.Value) ? Prefix : Atom, [new Text(FormatNumber(c.Value))]),
        VariableNode v => (Atom, [new Text(v.Parameter.Name ?? "x")]),
        OpaqueNode o => (Atom, [new Text(DescribeOpaque(o.Expression))]),
        ElementNode e => (Atom, [new Text($"{e.Array.Name}[{e.Index}]")]),
        IndexedElementNode e => (Atom, [new Text($"{e.Array.Name}[{IntegerPrinter.Print(e.Index)}]")]),
        ArgExtremumNode a => (Atom, [new Text($"{(a.IsMax ? "argmax" : "argmin")}({a.Index.Name} < {IntegerPrinter.Print(a.Count)}: "), new Operand(a.Body, Conditional), new Text(")")]),
        SumNode s => (Atom, [new Text($"Σ({s.Index.Name} < {IntegerPrinter.Print(s.Count)}: "), new Operand(s.Body, Conditional), new Text(")")]),
        // -(a·b) prints as -a·b: (-a)·b is the same number, bit for bit.
        UnaryNode { Op: UnaryOp.Negate } u => (Prefix, [new Text("-"), new Operand(u.Operand, Product)]),
        UnaryNode u => Call(FunctionName(u.Op), u.Operand),
        BinaryNode { Op: BinaryOp.Add } b => (Sum, [new Operand(b.Left, Sum), new Text(" + "), new Operand(b.Right, Sum)]),
        BinaryNode { Op: BinaryOp.Subtract } b => (Sum, [new Operand(b.Left, Sum), new Text(" - "), new Operand(b.Right, Sum + 1)]),
        // x·x and (x·x)·x are how x² and x³ are computed; they read better as powers.
        BinaryNode { Op: BinaryOp.Multiply } b when AsIntegerPower(b) is var (@base, n) && n > 1
            => (Power, [new Operand(@base, Power + 1), new Text("^" + n)]),
        BinaryNode { Op: BinaryOp.Multiply } b => (Product, [new Operand(b.Left, Product), new Text("*"), new Operand(b.Right, Product)]),
        BinaryNode { Op: BinaryOp.Divide } b => (Product, [new Operand(b.Left, Product), new Text("/"), new Operand(b.Right, Product + 1)]),
        BinaryNode { Op: BinaryOp.Pow } b => (Power, [new Operand(b.Left, Power + 1), new Text("^"), new Operand(b.Right, Power)]),
        BinaryNode b => Call(FunctionName(b.Op), b.Left, b.Right),
        PowerNode p => (Power, [new Operand(p.Base, Power + 1), new Text("^"), new Text(p.Exponent < 0 ? $"({FormatNumber(p.Exponent)})" : FormatNumber(p.Exponent))]),
        ConditionalNode c => (Conditional, [new Operand(c.Test, Or), new Text(" ? "), new Operand(c.IfTrue, Or), new Text(" : "), new Operand(c.IfFalse, Conditional)]),
        ComparisonNode c => (Comparison, [new Operand(c.Left, Sum), new Text($" {ComparisonSymbol(c.Op)} "), new Operand(c.Right, Sum)]),
        LogicalNode { Op: LogicalOp.Not } l => (Prefix, [new Text("!"), new Operand(l.Children[0], Prefix)]),
        LogicalNode { Op: LogicalOp.And } l => (And, [new Operand(l.Children[0], And), new Text(" && "), new Operand(l.Children[1], And + 1)]),
        LogicalNode l => (Or, [new Operand(l.Children[0], Or), new Text(" || "), new Operand(l.Children[1], Or + 1)]),
        CallNode c => (Atom, [new Text(c.Method.Name + "("), .. Arguments(c.Children.ToArray()), new Text(")")]),
        // Materialised matrices (compiled gradients only): [r, c] ↦ body, A·Bᵀ, T[i, j].
        GridNode g => (Atom, [new Text($"([{g.Row.Name}, {g.Column.Name}] ↦ "), new Operand(g.Body, Conditional), new Text(")")]),
        MatMulNode m => (Product, [new Operand(m.Left, Product), new Text(m.TransposeLeft ? "ᵀ·" : "·"), new Operand(m.Right, Product + 1), new Text(m.TransposeRight ? "ᵀ" : "")]),
        TensorAddNode t => (Sum, [new Operand(t.Left, Sum), new Text(" + "), new Operand(t.Right, Sum)]),
        TensorReadNode r => (Atom, [new Operand(r.Tensor, Atom), new Text(r.Column is { } column ? $"[{r.Row.Name}, {column.Name}]" : $"[{r.Row.Name}]")]),
        // Loops with state: fold(t < T: seed ↦ step), and reads of its stored states, states[position].
        FoldNode f => (Atom, [new Text($"fold({f.Index.Name} < {IntegerPrinter.Print(f.Count)}: "), new Operand(f.Seed, Conditional), new Text(" ↦ "),
            new Operand(f.Step, Conditional), new Text(")")]),
        ReverseFoldNode b => (Atom, [new Text($"reverse-fold({b.Index.Name} < {IntegerPrinter.Print(b.Count)})")]),
        FoldReadNode r => (Atom, [new Text($"{r.Fold.States.Name}[{IntegerPrinter.Print(r.Position)}]")]),
        _ => throw new InvalidOperationException($"The printer has no case for {node.GetType().Name}."),
    };

    private static IEnumerable<Item> Arguments(Node[] arguments) =>
        arguments.SelectMany((a, k) => k == 0 ? new Item[] { new Operand(a, Conditional) } : [new Text(", "), new Operand(a, Conditional)]);

    /// <summary>Reads x·x, (x·x)·x and (x·x)·(x·x) — the products the emitter makes for powers — as (x, n); (node, 1) otherwise.</summary>
    private static (Node Base, int Exponent) AsIntegerPower(Node node)
    {
        if (node is not BinaryNode { Op: BinaryOp.Multiply } product) return (node, 1);
        if (product.Left == product.Right)
        {
            var (inner, n) = product.Left is BinaryNode { Op: BinaryOp.Multiply } square && square.Left == square.Right ? (square.Left, 2) : (product.Left, 1);
            return (inner, 2 * n);
        }
        return product.Left is BinaryNode { Op: BinaryOp.Multiply } left && left.Left == left.Right && left.Left == product.Right
            ? (product.Right, 3)
            : (node, 1);
    }

    private static (int, Item[]) Call(string name, Node argument) => (Atom, [new Text(name + "("), new Operand(argument, Conditional), new Text(")")]);

    private static (int, Item[]) Call(string name, Node a, Node b) =>
        (Atom, [new Text(name + "("), new Operand(a, Conditional), new Text(", "), new Operand(b, Conditional), new Text(")")]);

#pragma warning disable IDE0055 // a lookup table: related arms share a line
    public static string FunctionName(UnaryOp op) => op switch
    {
        UnaryOp.Negate => "-",
        UnaryOp.Sin => "sin", UnaryOp.Cos => "cos", UnaryOp.Tan => "tan",
        UnaryOp.Asin => "asin", UnaryOp.Acos => "acos", UnaryOp.Atan => "atan",
        UnaryOp.Sinh => "sinh", UnaryOp.Cosh => "cosh", UnaryOp.Tanh => "tanh",
        UnaryOp.Asinh => "asinh", UnaryOp.Acosh => "acosh", UnaryOp.Atanh => "atanh",
        UnaryOp.Exp => "exp", UnaryOp.Log => "log", UnaryOp.Log10 => "log10", UnaryOp.Log2 => "log2",
        UnaryOp.Sqrt => "sqrt", UnaryOp.Cbrt => "cbrt", UnaryOp.Abs => "abs", UnaryOp.Sign => "sign",
        UnaryOp.Floor => "floor", UnaryOp.Ceiling => "ceiling", UnaryOp.Round => "round", UnaryOp.Truncate => "truncate",
    };
#pragma warning restore IDE0055

#pragma warning disable IDE0055 // a lookup table: related arms share a line
    public static string FunctionName(BinaryOp op) => op switch
    {
        BinaryOp.Add => "+", BinaryOp.Subtract => "-", BinaryOp.Multiply => "*", BinaryOp.Divide => "/", BinaryOp.Pow => "pow",
        BinaryOp.Atan2 => "atan2", BinaryOp.Max => "max", BinaryOp.Min => "min", BinaryOp.LogBase => "log",
    };
#pragma warning restore IDE0055

#pragma warning disable IDE0055 // a lookup table: related arms share a line
    private static string ComparisonSymbol(ComparisonOp op) => op switch
    {
        ComparisonOp.Equal => "==", ComparisonOp.NotEqual => "!=", ComparisonOp.LessThan => "<",
        ComparisonOp.LessThanOrEqual => "<=", ComparisonOp.GreaterThan => ">", ComparisonOp.GreaterThanOrEqual => ">=",
    };
#pragma warning restore IDE0055

    /// <summary>Shortest text that reads back to the same double.</summary>
    public static string FormatNumber(double value) => value switch
    {
        double.PositiveInfinity => "∞",
        double.NegativeInfinity => "-∞",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>A captured variable or field prints as its name; anything else as its C# text.</summary>
    private static string DescribeOpaque(Expression expression) => expression switch
    {
        MemberExpression m => m.Member.Name,
        UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } u => DescribeOpaque(u.Operand),
        MethodCallExpression { Method.Name: "AverageCount" } or UnaryExpression { NodeType: ExpressionType.ArrayLength } => IntegerPrinter.Print(expression),
        BinaryExpression { NodeType: ExpressionType.ArrayIndex } a => $"{DescribeOpaque(a.Left)}[{IntegerPrinter.Print(a.Right)}]",
        ConstantExpression c => c.Value?.ToString() ?? "null",
        ParameterExpression p => p.Name ?? "p",
        _ => ExpressionQuoter.Quote(expression),
    };
}
