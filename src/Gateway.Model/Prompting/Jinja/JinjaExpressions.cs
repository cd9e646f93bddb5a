namespace Gateway.Model.Prompting.Jinja;

internal abstract record JinjaExpression
{
    public abstract object? Evaluate(JinjaScope scope);
}

internal sealed record LiteralExpression(object? Value) : JinjaExpression
{
    public override object? Evaluate(JinjaScope scope) => Value;
}

internal sealed record VariableExpression(string Name) : JinjaExpression
{
    public override object? Evaluate(JinjaScope scope) => scope.Get(Name);
}

internal sealed record ListExpression(IReadOnlyList<JinjaExpression> Items) : JinjaExpression
{
    public override object? Evaluate(JinjaScope scope) => Items.Select(i => i.Evaluate(scope)).ToList();
}

internal sealed record DictExpression(IReadOnlyList<(JinjaExpression Key, JinjaExpression Value)> Entries) : JinjaExpression
{
    public override object? Evaluate(JinjaScope scope)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in Entries)
        {
            result[JinjaValues.ToText(key.Evaluate(scope))] = value.Evaluate(scope);
        }

        return result;
    }
}

/// <summary><c>a.b</c> and <c>a[b]</c>: a key, an index (negative from the end) or a method of a string, list or mapping.</summary>
internal sealed record AttributeExpression(JinjaExpression Target, JinjaExpression Key) : JinjaExpression
{
    public override object? Evaluate(JinjaScope scope) => JinjaValues.GetItem(Target.Evaluate(scope), Key.Evaluate(scope));
}

internal sealed record SliceExpression(JinjaExpression Target, JinjaExpression? Start, JinjaExpression? Stop, JinjaExpression? Step) : JinjaExpression
{
    public override object? Evaluate(JinjaScope scope)
    {
        var target = Target.Evaluate(scope);
        var items = target is string s ? s.Select(c => (object?)c.ToString()).ToList() : JinjaValues.Iterate(target, "a slice").ToList();
        var step = Step is null ? 1 : JinjaValues.ToLong(Step.Evaluate(scope));
        if (step == 0)
        {
            throw new ChatTemplateException("slice step cannot be zero");
        }

        var count = items.Count;
        long Resolve(JinjaExpression? e, long fallback)
        {
            if (e is null || e.Evaluate(scope) is null or Undefined)
            {
                return fallback;
            }

            var v = JinjaValues.ToLong(e.Evaluate(scope));
            v = v < 0 ? v + count : v;
            return step > 0 ? Math.Clamp(v, 0, count) : Math.Clamp(v, -1, count - 1);
        }

        var start = Resolve(Start, step > 0 ? 0 : count - 1);
        var stop = Resolve(Stop, step > 0 ? count : -1);
        var result = new List<object?>();
        for (var i = start; step > 0 ? i < stop : i > stop; i += step)
        {
            result.Add(items[(int)i]);
        }

        return target is string ? string.Concat(result.Cast<string>()) : result;
    }
}

internal sealed record CallExpression(JinjaExpression Target, IReadOnlyList<JinjaExpression> Args, IReadOnlyDictionary<string, JinjaExpression> Kwargs, int Line)
    : JinjaExpression
{
    public override object? Evaluate(JinjaScope scope)
    {
        var callee = Target.Evaluate(scope);
        var args = Args.Select(a => a.Evaluate(scope)).ToList();
        var kwargs = Kwargs.ToDictionary(k => k.Key, k => k.Value.Evaluate(scope), StringComparer.Ordinal);
        return callee switch
        {
            JinjaFunction function => function.Invoke(args, kwargs),
            _ => throw new ChatTemplateException($"line {Line}: {Describe(Target)} is not a function the templates may call"),
        };
    }

    private static string Describe(JinjaExpression e) => e switch
    {
        VariableExpression v => $"'{v.Name}'",
        AttributeExpression { Key: LiteralExpression { Value: string name } } => $"method '{name}'",
        _ => "the value",
    };
}

internal sealed record FilterExpression(
    JinjaExpression Target, string Name, IReadOnlyList<JinjaExpression> Args, IReadOnlyDictionary<string, JinjaExpression> Kwargs, int Line)
    : JinjaExpression
{
    public override object? Evaluate(JinjaScope scope) =>
        JinjaFilters.Apply(
            Name,
            Target.Evaluate(scope),
            Args.Select(a => a.Evaluate(scope)).ToList(),
            Kwargs.ToDictionary(k => k.Key, k => k.Value.Evaluate(scope), StringComparer.Ordinal));
}

internal sealed record TestExpression(JinjaExpression Target, string Name, IReadOnlyList<JinjaExpression> Args) : JinjaExpression
{
    public override object? Evaluate(JinjaScope scope) =>
        JinjaFilters.Test(Name, Target.Evaluate(scope), Args.Select(a => a.Evaluate(scope)).ToList());
}

internal sealed record NotExpression(JinjaExpression Operand) : JinjaExpression
{
    public override object? Evaluate(JinjaScope scope) => !JinjaValues.IsTrue(Operand.Evaluate(scope));
}

internal sealed record ConditionalExpression(JinjaExpression Condition, JinjaExpression Then, JinjaExpression Otherwise) : JinjaExpression
{
    public override object? Evaluate(JinjaScope scope) =>
        JinjaValues.IsTrue(Condition.Evaluate(scope)) ? Then.Evaluate(scope) : Otherwise.Evaluate(scope);
}

internal sealed record BinaryExpression(string Operator, JinjaExpression Left, JinjaExpression Right) : JinjaExpression
{
    public override object? Evaluate(JinjaScope scope)
    {
        var left = Left.Evaluate(scope);
        switch (Operator)
        {
            case "and":
                return JinjaValues.IsTrue(left) ? Right.Evaluate(scope) : left;
            case "or":
                return JinjaValues.IsTrue(left) ? left : Right.Evaluate(scope);
        }

        var right = Right.Evaluate(scope);
        return Operator switch
        {
            "==" => JinjaValues.AreEqual(left, right),
            "!=" => !JinjaValues.AreEqual(left, right),
            "<" => JinjaValues.Compare(left, right) < 0,
            ">" => JinjaValues.Compare(left, right) > 0,
            "<=" => JinjaValues.Compare(left, right) <= 0,
            ">=" => JinjaValues.Compare(left, right) >= 0,
            "in" => JinjaValues.Contains(right, left),
            "not in" => !JinjaValues.Contains(right, left),
            "~" => JinjaValues.ToText(left) + JinjaValues.ToText(right),
            _ => JinjaValues.Arithmetic(Operator, left, right),
        };
    }
}
