using System.Text;

namespace Gateway.Model.Prompting.Jinja;

/// <summary>Jinja's undefined value: falsy, renders as nothing, and is what a missing variable, key or attribute gives.</summary>
internal sealed class Undefined
{
    public static readonly Undefined Instance = new();

    private Undefined()
    {
    }
}

/// <summary>The object <c>namespace(...)</c> makes: attributes that a <c>set</c> inside a loop can change.</summary>
internal sealed class JinjaNamespace : Dictionary<string, object?>
{
    public JinjaNamespace()
        : base(StringComparer.Ordinal)
    {
    }
}

/// <summary>Variables in nested scopes: each loop iteration gets its own, so a <c>set</c> inside does not leak out.</summary>
internal sealed class JinjaScope
{
    private readonly List<Dictionary<string, object?>> _frames = [];

    public JinjaScope(IReadOnlyDictionary<string, object?> globals)
    {
        _frames.Add(new Dictionary<string, object?>(globals, StringComparer.Ordinal));
    }

    public StringBuilder Output { get; } = new();

    public object? Get(string name)
    {
        for (var i = _frames.Count - 1; i >= 0; i--)
        {
            if (_frames[i].TryGetValue(name, out var value))
            {
                return value;
            }
        }

        return Undefined.Instance;
    }

    public void Set(string name, object? value) => _frames[^1][name] = value;

    public void Push() => _frames.Add(new Dictionary<string, object?>(StringComparer.Ordinal));

    public void Pop() => _frames.RemoveAt(_frames.Count - 1);
}

/// <summary>What rendering a node asks of the loop around it.</summary>
internal enum Flow
{
    Normal,
    Break,
    Continue,
}

internal abstract record JinjaNode
{
    public abstract Flow Render(JinjaScope scope);

    public static Flow RenderAll(IReadOnlyList<JinjaNode> nodes, JinjaScope scope)
    {
        foreach (var node in nodes)
        {
            var flow = node.Render(scope);
            if (flow != Flow.Normal)
            {
                return flow;
            }
        }

        return Flow.Normal;
    }
}

internal sealed record TextNode(string Text) : JinjaNode
{
    public override Flow Render(JinjaScope scope)
    {
        scope.Output.Append(Text);
        return Flow.Normal;
    }
}

internal sealed record OutputNode(JinjaExpression Expression) : JinjaNode
{
    public override Flow Render(JinjaScope scope)
    {
        scope.Output.Append(JinjaValues.ToText(Expression.Evaluate(scope)));
        return Flow.Normal;
    }
}

internal sealed record IfNode(IReadOnlyList<(JinjaExpression? Condition, IReadOnlyList<JinjaNode> Body)> Branches) : JinjaNode
{
    public override Flow Render(JinjaScope scope)
    {
        foreach (var (condition, body) in Branches)
        {
            if (condition is null || JinjaValues.IsTrue(condition.Evaluate(scope)))
            {
                return RenderAll(body, scope);
            }
        }

        return Flow.Normal;
    }
}

internal sealed record ForNode(
    IReadOnlyList<string> Targets, JinjaExpression Iterable, JinjaExpression? Filter, IReadOnlyList<JinjaNode> Body, IReadOnlyList<JinjaNode> ElseBody)
    : JinjaNode
{
    public override Flow Render(JinjaScope scope)
    {
        var source = JinjaValues.Iterate(Iterable.Evaluate(scope), "a for loop");
        var items = new List<object?>();
        foreach (var item in source)
        {
            if (Filter is null)
            {
                items.Add(item);
                continue;
            }

            scope.Push();
            Bind(scope, item);
            var keep = JinjaValues.IsTrue(Filter.Evaluate(scope));
            scope.Pop();
            if (keep)
            {
                items.Add(item);
            }
        }

        if (items.Count == 0)
        {
            return RenderAll(ElseBody, scope);
        }

        for (var i = 0; i < items.Count; i++)
        {
            scope.Push();
            try
            {
                Bind(scope, items[i]);
                scope.Set("loop", new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["index"] = (long)i + 1,
                    ["index0"] = (long)i,
                    ["revindex"] = (long)(items.Count - i),
                    ["revindex0"] = (long)(items.Count - i - 1),
                    ["first"] = i == 0,
                    ["last"] = i == items.Count - 1,
                    ["length"] = (long)items.Count,
                    ["previtem"] = i > 0 ? items[i - 1] : Undefined.Instance,
                    ["nextitem"] = i + 1 < items.Count ? items[i + 1] : Undefined.Instance,
                });
                if (RenderAll(Body, scope) == Flow.Break)
                {
                    break;
                }
            }
            finally
            {
                scope.Pop();
            }
        }

        return Flow.Normal;
    }

    private void Bind(JinjaScope scope, object? item)
    {
        if (Targets.Count == 1)
        {
            scope.Set(Targets[0], item);
            return;
        }

        var parts = JinjaValues.Iterate(item, "a for loop with several targets").ToList();
        if (parts.Count != Targets.Count)
        {
            throw new ChatTemplateException($"cannot unpack {parts.Count} values into {string.Join(", ", Targets)}");
        }

        for (var i = 0; i < parts.Count; i++)
        {
            scope.Set(Targets[i], parts[i]);
        }
    }
}

internal sealed record SetNode(string Name, string? Attribute, JinjaExpression Value) : JinjaNode
{
    public override Flow Render(JinjaScope scope)
    {
        var value = Value.Evaluate(scope);
        if (Attribute is null)
        {
            scope.Set(Name, value);
        }
        else if (scope.Get(Name) is JinjaNamespace ns)
        {
            ns[Attribute] = value;
        }
        else
        {
            throw new ChatTemplateException($"'set {Name}.{Attribute}' needs {Name} to be a namespace()");
        }

        return Flow.Normal;
    }
}

internal sealed record LoopControlNode(bool Break) : JinjaNode
{
    public override Flow Render(JinjaScope scope) => Break ? Flow.Break : Flow.Continue;
}
