using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Symbolic.Diagnostics;
using Symbolic.Printing;
using Symbolic.Runtime;

namespace Symbolic.CodeGeneration;

/// <summary>
/// Writes an expression tree Symbolic emitted (SSA blocks, loops, conditionals) as a C# static method:
/// statements stay statements, block-valued expressions are lifted into the statements before them,
/// loops become <c>while (true)</c> with a labelled exit, every local gets a unique name. Gradient writes
/// are commented with the partial derivative they hold.
/// </summary>
/// <remarks>
/// Only what compiles without Symbolic's run time is accepted: data captured in a closure cannot be
/// written as source (pass it as a parameter), and LINQ's internal count checks are written out as
/// C# throws.
/// </remarks>
internal sealed class CSharpWriter
{
    private readonly StringBuilder _text = new();
    private readonly Dictionary<ParameterExpression, string> _names = [];
    private readonly Dictionary<LabelTarget, string> _labels = [];
    private readonly HashSet<string> _used = [];
    private readonly string? _gradientName;
    private readonly string? _variableName;
    private int _temporaries;

    private CSharpWriter(string? gradientName, string? variableName) => (_gradientName, _variableName) = (gradientName, variableName);

    /// <summary>The lambda as <c>public static R name(T1 p1, …) { … }</c>.</summary>
    /// <param name="lambda">The function.</param>
    /// <param name="methodName">The method's name.</param>
    /// <param name="gradient">The parameter that receives a gradient (its writes are commented), if any.</param>
    public static string Write(LambdaExpression lambda, string methodName, ParameterExpression? gradient = null)
    {
        var writer = new CSharpWriter(gradient?.Name, lambda.Parameters.FirstOrDefault(p => p.Type == typeof(double[]) || p.Type == typeof(float[]))?.Name);
        foreach (var p in lambda.Parameters) writer.Name(p);
        var parameters = string.Join(", ", lambda.Parameters.Select(p => $"{TypeName(p.Type)} {writer._names[p]}"));
        writer._text.Append($"public static {TypeName(lambda.ReturnType)} {methodName}({parameters})\n{{\n");
        // Every local is declared once, at the top: the emitter reuses a loop index in sibling loops, and
        // lifted blocks would otherwise declare the same name twice in one C# scope.
        foreach (var local in BlockVariables.Of(lambda.Body)) writer.Line(1, $"{TypeName(local.Type)} {writer.Name(local)} = default;");
        writer.Return(lambda.Body, 1);
        writer._text.Append("}\n");
        return writer._text.ToString();
    }

    private void Return(Expression body, int indent)
    {
        var pre = new List<string>();
        var value = Value(body, pre);
        foreach (var line in pre) Line(indent, line);
        Line(indent, $"return {value};");
    }

    private void Line(int indent, string text) => _text.Append(new string(' ', 4 * indent)).Append(text).Append('\n');

    private string Name(ParameterExpression p)
    {
        if (_names.TryGetValue(p, out var name)) return name;
        // A gradient's accumulator index is named i' (the prime is no C# identifier character).
        var stem = string.IsNullOrEmpty(p.Name) ? "v" : p.Name.Replace("$", "").Replace("'", "Prime");
        name = stem;
        for (var k = 2; !_used.Add(name); k++) name = $"{stem}_{k}";
        return _names[p] = name;
    }

    private string Label(LabelTarget target)
    {
        if (_labels.TryGetValue(target, out var name)) return name;
        var stem = string.IsNullOrEmpty(target.Name) ? "exit" : target.Name.Replace("'", "Prime");
        name = stem;
        for (var k = 2; !_used.Add(name); k++) name = $"{stem}_{k}";
        return _labels[target] = name;
    }

    /// <summary>Statements: lines of C# at <paramref name="indent"/>.</summary>
    private void Statement(Expression e, int indent)
    {
        switch (e)
        {
            case BlockExpression block:
                foreach (var s in block.Expressions) Statement(s, indent);
                return;
            case DefaultExpression or ParameterExpression or ConstantExpression:
                return;
            case ConditionalExpression c when c.Type == typeof(void):
            {
                var pre = new List<string>();
                var test = Value(c.Test, pre);
                foreach (var line in pre) Line(indent, line);
                Line(indent, $"if ({test})");
                Braced(c.IfTrue, indent);
                if (c.IfFalse is not DefaultExpression)
                {
                    Line(indent, "else");
                    Braced(c.IfFalse, indent);
                }
                return;
            }
            case LoopExpression loop:
                // A fresh label for each occurrence: the emitter may place the same loop in two branches.
                if (loop.BreakLabel is { } breakLabel) _labels.Remove(breakLabel);
                Line(indent, "while (true)");
                Braced(loop.Body, indent);
                if (loop.BreakLabel is { } exit) Line(indent, $"{Label(exit)}:;");
                return;
            case GotoExpression jump:
                Line(indent, $"goto {Label(jump.Target)};");
                return;
            case LabelExpression label:
                Line(indent, $"{Label(label.Target)}:;");
                return;
            case UnaryExpression { NodeType: ExpressionType.Throw } thrown:
            {
                var pre = new List<string>();
                var exception = Value(thrown.Operand!, pre);
                foreach (var line in pre) Line(indent, line);
                Line(indent, $"throw {exception};");
                return;
            }
            case BinaryExpression { Left: IndexExpression or BinaryExpression { NodeType: ExpressionType.ArrayIndex } or ParameterExpression } assign when IsAssignment(assign.NodeType):
            {
                var pre = new List<string>();
                var target = Value(assign.Left, pre);
                var value = Value(assign.Right, pre);
                foreach (var line in pre) Line(indent, line);
                if (Comment(assign.Left, assign.NodeType) is { } comment) Line(indent, comment);
                else if (CodeGeneration.CodeComments.Of(assign) is { } note) Line(indent, "// " + note);
                Line(indent, $"{target} {AssignmentOperator(assign.NodeType)} {value};");
                return;
            }
            default:
            {
                var pre = new List<string>();
                var value = Value(e, pre);
                foreach (var line in pre) Line(indent, line);
                Line(indent, e is MethodCallExpression or UnaryExpression { NodeType: ExpressionType.PreIncrementAssign or ExpressionType.PostIncrementAssign } ? $"{value};" : $"_ = {value};");
                return;
            }
        }
    }

    private void Braced(Expression body, int indent)
    {
        Line(indent, "{");
        Statement(body, indent + 1);
        Line(indent, "}");
    }

    /// <summary>A write into the gradient buffer, commented with the partial derivative it holds.</summary>
    private string? Comment(Expression target, ExpressionType assignment) =>
        target is IndexExpression { Object: ParameterExpression array, Arguments: [var index] } && array.Name == _gradientName && _gradientName is not null
            ? $"// ∂f/∂{_variableName}[{IntegerPrinter.Print(index)}]" + (assignment == ExpressionType.AddAssign ? ": one term's contribution" : "")
            : null;

    /// <summary>An expression as C# text; statements it needs first (lifted blocks) go to <paramref name="pre"/>.</summary>
    private string Value(Expression e, List<string> pre) => e switch
    {
        ConstantExpression c => Literal(c),
        ParameterExpression p => Name(p),
        DefaultExpression d => d.Type == typeof(void) ? "" : $"default({TypeName(d.Type)})",
        BlockExpression block => Lifted(block, pre),
        ConditionalExpression c when NeedsStatements(c.IfTrue) || NeedsStatements(c.IfFalse) => LiftedConditional(c, pre),
        ConditionalExpression c => $"({Value(c.Test, pre)} ? {Value(c.IfTrue, pre)} : {Value(c.IfFalse, pre)})",
        UnaryExpression { NodeType: ExpressionType.Negate } u => $"(-{Value(u.Operand, pre)})",
        UnaryExpression { NodeType: ExpressionType.Not } u => $"(!{Value(u.Operand, pre)})",
        UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } u => $"(({TypeName(u.Type)}){Value(u.Operand, pre)})",
        UnaryExpression { NodeType: ExpressionType.ArrayLength } u => $"{Value(u.Operand, pre)}.Length",
        UnaryExpression { NodeType: ExpressionType.PreIncrementAssign } u => $"++{Value(u.Operand, pre)}",
        UnaryExpression { NodeType: ExpressionType.PostIncrementAssign } u => $"{Value(u.Operand, pre)}++",
        UnaryExpression { NodeType: ExpressionType.Throw } u => Thrown(u, pre),
        BinaryExpression { NodeType: ExpressionType.ArrayIndex } b => InOrder(pre, [b.Left, b.Right], v => $"{v[0]}[{v[1]}]"),
        BinaryExpression b when IsAssignment(b.NodeType) => $"({Value(b.Left, pre)} {AssignmentOperator(b.NodeType)} {Value(b.Right, pre)})",
        BinaryExpression { NodeType: ExpressionType.AndAlso or ExpressionType.OrElse } b when NeedsStatements(b.Right) => ShortCircuit(b, pre),
        BinaryExpression b => InOrder(pre, [b.Left, b.Right], operands => $"({operands[0]} {Operator(b.NodeType)} {operands[1]})"),
        IndexExpression { Object: { } array } index => InOrder(pre, [array, .. index.Arguments], v => $"{v[0]}[{string.Join(", ", v.Skip(1))}]"),
        MethodCallExpression call => Call(call, pre),
        MemberExpression { Expression: null } m => $"{TypeName(m.Member.DeclaringType!)}.{m.Member.Name}",
        MemberExpression { Expression: ParameterExpression } m => $"{Value(m.Expression!, pre)}.{m.Member.Name}",
        MemberExpression m => throw CapturedData(m),
        NewExpression n when n.Type.IsGenericType && n.Type.FullName!.StartsWith("System.ValueTuple", StringComparison.Ordinal)
            => $"({string.Join(", ", n.Arguments.Select(a => Value(a, pre)))})",
        NewExpression n => $"new {TypeName(n.Type)}({string.Join(", ", n.Arguments.Select(a => Value(a, pre)))})",
        NewArrayExpression { NodeType: ExpressionType.NewArrayBounds } a => $"new {TypeName(a.Type.GetElementType()!)}[{string.Join(", ", a.Expressions.Select(x => Value(x, pre)))}]",
        NewArrayExpression a => $"new {TypeName(a.Type)} {{ {string.Join(", ", a.Expressions.Select(x => Value(x, pre)))} }}",
        _ => throw new NotSupportedException($"ToCSharp cannot write {e.NodeType} nodes ({Diagnostics.ExpressionQuoter.Quote(e)})."),
    };

    /// <summary>
    /// Operands written left to right, as the expression tree evaluates them: when a later operand needs
    /// statements first (a lifted block), the earlier ones are evaluated into temporaries before those
    /// statements, so reads that may throw still throw in the original order.
    /// </summary>
    private string InOrder(List<string> pre, IReadOnlyList<Expression> operands, Func<string[], string> combine)
    {
        var values = new string[operands.Count];
        for (var k = 0; k < operands.Count; k++)
        {
            var mark = pre.Count;
            values[k] = Value(operands[k], pre);
            if (pre.Count == mark) continue;
            for (var earlier = 0; earlier < k; earlier++)
            {
                if (IsTrivial(operands[earlier])) continue;
                var temporary = Name(Expression.Variable(operands[earlier].Type, $"operand{++_temporaries}"));
                pre.Insert(mark++, $"{TypeName(operands[earlier].Type)} {temporary} = {values[earlier]};");
                values[earlier] = temporary;
            }
        }
        return combine(values);
    }

    private static bool IsTrivial(Expression e) => e is ConstantExpression or ParameterExpression or DefaultExpression;

    /// <summary><c>a &amp;&amp; b</c> (or <c>||</c>) whose b needs statements: those run only when b is evaluated.</summary>
    private string ShortCircuit(BinaryExpression b, List<string> pre)
    {
        var result = Name(Expression.Variable(typeof(bool), $"condition{++_temporaries}"));
        pre.Add($"bool {result} = {Value(b.Left, pre)};");
        pre.Add(b.NodeType == ExpressionType.AndAlso ? $"if ({result})" : $"if (!{result})");
        var inner = new List<string>();
        var right = Value(b.Right, inner);
        pre.Add("{");
        pre.AddRange(inner.Select(l => "    " + l));
        pre.Add($"    {result} = {right};");
        pre.Add("}");
        return result;
    }

    /// <summary>
    /// Whether writing the expression lifts statements (a block, a loop, a throw) anywhere inside it: then a
    /// conditional branch or a short-circuit operand that holds it must become statements of its own, or the
    /// lifted statements would run whatever the test (an emptiness check under <c>n == 0 ? 0 : …</c>).
    /// </summary>
    private static bool NeedsStatements(Expression e)
    {
        var pending = new Stack<Expression>([e]);
        while (pending.TryPop(out var node))
        {
            if (node is BlockExpression or LoopExpression or UnaryExpression { NodeType: ExpressionType.Throw }) return true;
            if (node is LambdaExpression) continue;
            foreach (var child in Diagnostics.ExpressionChildren.Of(node)) pending.Push(child);
        }
        return false;
    }

    /// <summary>A throw in a value's place (C# allows throw expressions in few places): a statement, then a placeholder value.</summary>
    private string Thrown(UnaryExpression thrown, List<string> pre)
    {
        pre.Add($"throw {Value(thrown.Operand!, pre)};");
        return thrown.Type == typeof(void) ? "" : $"default({TypeName(thrown.Type)})";
    }

    private string Lifted(BlockExpression block, List<string> pre)
    {
        foreach (var s in block.Expressions.Take(block.Expressions.Count - 1)) Statements(s, pre);
        if (block.Type != typeof(void)) return Value(block.Expressions[^1], pre);
        Statements(block.Expressions[^1], pre);
        return "";
    }

    /// <summary>Writes a statement into <paramref name="pre"/> (as lines) instead of the method's text.</summary>
    private void Statements(Expression e, List<string> pre)
    {
        var before = _text.Length;
        Statement(e, 0);
        pre.AddRange(_text.ToString(before, _text.Length - before).Split('\n').Where(l => l.Length > 0));
        _text.Length = before;
    }

    private string LiftedConditional(ConditionalExpression c, List<string> pre)
    {
        var temporary = Name(Expression.Variable(c.Type, $"value{++_temporaries}"));
        pre.Add($"{TypeName(c.Type)} {temporary};");
        pre.Add($"if ({Value(c.Test, pre)})");
        Branch(c.IfTrue);
        pre.Add("else");
        Branch(c.IfFalse);
        return temporary;

        void Branch(Expression branch)
        {
            var inner = new List<string>();
            var value = Value(branch, inner);
            pre.Add("{");
            pre.AddRange(inner.Select(l => "    " + l));
            pre.Add($"    {temporary} = {value};");
            pre.Add("}");
        }
    }

    private string Call(MethodCallExpression call, List<string> pre)
    {
        var method = call.Method;
        if (method.DeclaringType == typeof(LinqRuntime))
        {
            var argument = Value(call.Arguments.Count > 0 ? call.Arguments[0] : Expression.Constant(0), pre);
            return method.Name switch
            {
                nameof(LinqRuntime.RangeCount) => $"({argument} >= 0 ? {argument} : throw new global::System.ArgumentOutOfRangeException(\"count\"))",
                nameof(LinqRuntime.AverageCount) => $"({argument} > 0 ? (double){argument} : throw new global::System.InvalidOperationException(\"Sequence contains no elements\"))",
                nameof(LinqRuntime.NegativeCount) => $"new global::System.ArgumentOutOfRangeException(\"count\", {argument}, \"Enumerable.Range needs a count ≥ 0.\")",
                nameof(LinqRuntime.Empty) => "new global::System.InvalidOperationException(\"Sequence contains no elements\")",
                nameof(LinqRuntime.StateComponent) when call.Arguments is [_, ConstantExpression { Value: int width }, ConstantExpression { Value: string read }] =>
                    $"((uint){argument} < {width}u ? {argument} : throw new global::System.IndexOutOfRangeException({Literal(Expression.Constant($"{read} reads outside the state's {width} components of a fold"))}))",
                _ => throw new NotSupportedException($"ToCSharp cannot write LinqRuntime.{method.Name}."),
            };
        }
        if (!method.IsPublic || !(method.DeclaringType?.IsVisible ?? false))
            throw new NotSupportedException($"ToCSharp cannot call {method.DeclaringType?.Name}.{method.Name}: it is not public.");
        if (call.Object is not null)
            return InOrder(pre, [call.Object, .. call.Arguments], v => $"{v[0]}.{method.Name}({string.Join(", ", v.Skip(1))})");
        return InOrder(pre, call.Arguments, v => $"{TypeName(method.DeclaringType!)}.{method.Name}({string.Join(", ", v)})");
    }

    private static NotSupportedException CapturedData(MemberExpression m) =>
        new($"ToCSharp cannot write data captured in a closure ('{m.Member.Name}') as source: pass it to the model as a parameter.");

    private static string Literal(ConstantExpression c) => c.Value switch
    {
        double d when double.IsNaN(d) => "double.NaN",
        double d when double.IsPositiveInfinity(d) => "double.PositiveInfinity",
        double d when double.IsNegativeInfinity(d) => "double.NegativeInfinity",
        double d => (d < 0 || double.IsNegative(d) ? "(" : "") + d.ToString("R", CultureInfo.InvariantCulture) + "d" + (d < 0 || double.IsNegative(d) ? ")" : ""),
        float f when float.IsNaN(f) => "float.NaN",
        float f when float.IsPositiveInfinity(f) => "float.PositiveInfinity",
        float f when float.IsNegativeInfinity(f) => "float.NegativeInfinity",
        float f => (float.IsNegative(f) ? "(" : "") + f.ToString("R", CultureInfo.InvariantCulture) + "f" + (float.IsNegative(f) ? ")" : ""),
        int i => i < 0 ? $"({i})" : i.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"",
        null => "null",
        // Compiled code holds its context's pool; source names the default one, so that it compiles on its own.
        Runtime.BufferPool => "global::Symbolic.Runtime.BufferPool.Shared",
        _ => throw new NotSupportedException($"ToCSharp cannot write the constant {c.Value} (data captured in a closure): pass it to the model as a parameter."),
    };

    private static bool IsAssignment(ExpressionType type) => type is ExpressionType.Assign or ExpressionType.AddAssign or ExpressionType.SubtractAssign
        or ExpressionType.MultiplyAssign or ExpressionType.DivideAssign;

#pragma warning disable IDE0055 // a lookup table: related arms share a line
    private static string AssignmentOperator(ExpressionType type) => type switch
    {
        ExpressionType.Assign => "=", ExpressionType.AddAssign => "+=", ExpressionType.SubtractAssign => "-=",
        ExpressionType.MultiplyAssign => "*=", ExpressionType.DivideAssign => "/=",
        _ => throw new NotSupportedException(type.ToString()),
    };
#pragma warning restore IDE0055

#pragma warning disable IDE0055 // a lookup table: related arms share a line
    private static string Operator(ExpressionType type) => type switch
    {
        ExpressionType.Add => "+", ExpressionType.Subtract => "-", ExpressionType.Multiply => "*", ExpressionType.Divide => "/",
        ExpressionType.Modulo => "%", ExpressionType.LessThan => "<", ExpressionType.LessThanOrEqual => "<=",
        ExpressionType.GreaterThan => ">", ExpressionType.GreaterThanOrEqual => ">=", ExpressionType.Equal => "==",
        ExpressionType.NotEqual => "!=", ExpressionType.AndAlso => "&&", ExpressionType.OrElse => "||",
        ExpressionType.And => "&", ExpressionType.Or => "|",
        _ => throw new NotSupportedException($"ToCSharp cannot write the operator {type}."),
    };
#pragma warning restore IDE0055

    public static string TypeName(Type type)
    {
        if (type == typeof(double)) return "double";
        if (type == typeof(float)) return "float";
        if (type == typeof(int)) return "int";
        if (type == typeof(bool)) return "bool";
        if (type == typeof(void)) return "void";
        if (type == typeof(string)) return "string";
        if (type == typeof(object)) return "object";
        if (type.IsArray) return TypeName(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        if (type.IsGenericType && type.FullName!.StartsWith("System.ValueTuple", StringComparison.Ordinal))
            return "(" + string.Join(", ", type.GetGenericArguments().Select(TypeName)) + ")";
        if (type.IsGenericType)
        {
            var name = type.GetGenericTypeDefinition().FullName!;
            return "global::" + name[..name.IndexOf('`')].Replace('+', '.') + "<" + string.Join(", ", type.GetGenericArguments().Select(TypeName)) + ">";
        }
        return "global::" + type.FullName!.Replace('+', '.');
    }
}
