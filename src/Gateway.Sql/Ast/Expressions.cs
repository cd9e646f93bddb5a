namespace Gateway.Sql.Ast;

/// <summary>A value expression.</summary>
internal abstract record Expression(TextSpan Span) : SqlNode(Span);

/// <summary>A truth-valued test (IS, BETWEEN, IN, LIKE, EXISTS, quantified comparison).</summary>
internal abstract record Predicate(TextSpan Span) : Expression(Span);

/// <summary>A literal; <see cref="Text"/> is its source text (quotes and prefixes included).</summary>
internal sealed record Literal(TextSpan Span, LiteralKind Kind, string Text) : Expression(Span)
{
    public override void AppendChildren(List<SqlNode> children) { }
}

/// <summary><c>DATE '2024-01-01'</c>, PostgreSQL <c>int4 '5'</c>.</summary>
internal sealed record TypedLiteral(TextSpan Span, DataType Type, Literal Value) : Expression(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Type);
        children.Add(Value);
    }
}

/// <summary><c>INTERVAL '1 day'</c>, <c>INTERVAL '1' DAY</c>, MySQL <c>INTERVAL 1 DAY</c>.</summary>
internal sealed record IntervalExpression(TextSpan Span, Expression Value, string? Unit) : Expression(Span)
{
    public override void AppendChildren(List<SqlNode> children) => children.Add(Value);
}

/// <summary>A column (or, in PostgreSQL, a whole-row reference to a table alias): <c>c</c>, <c>t.c</c>, <c>s.t.c</c>.</summary>
internal sealed record ColumnReference(TextSpan Span, ObjectName Name) : Expression(Span)
{
    public override void AppendChildren(List<SqlNode> children) => children.Add(Name);
}

/// <summary><c>*</c> or <c>t.*</c>.</summary>
internal sealed record StarExpression(TextSpan Span, ObjectName? Qualifier) : Expression(Span)
{
    public override void AppendChildren(List<SqlNode> children) => Add(children, Qualifier);
}

/// <summary>A bind parameter: <c>?</c>, <c>$1</c>, <c>:name</c>, ...</summary>
internal sealed record ParameterExpression(TextSpan Span, string Name) : Expression(Span)
{
    public override void AppendChildren(List<SqlNode> children) { }
}

/// <summary>MySQL <c>@var</c> (user) or <c>@@var</c> (system).</summary>
internal sealed record VariableExpression(TextSpan Span, string Name, bool System) : Expression(Span)
{
    public override void AppendChildren(List<SqlNode> children) { }
}

/// <summary>MySQL <c>@var := value</c>: assigns a session variable.</summary>
internal sealed record AssignmentExpression(TextSpan Span, VariableExpression Target, Expression Value) : Expression(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Target);
        children.Add(Value);
    }
}

internal sealed record UnaryExpression(TextSpan Span, UnaryOperator Operator, Expression Operand) : Expression(Span)
{
    public override void AppendChildren(List<SqlNode> children) => children.Add(Operand);
}

internal sealed record BinaryExpression(TextSpan Span, BinaryOperator Operator, Expression Left, Expression Right) : Expression(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Left);
        children.Add(Right);
    }
}

/// <summary><c>x IS [NOT] NULL|TRUE|FALSE|UNKNOWN</c>, <c>x ISNULL</c>, <c>x NOTNULL</c>.</summary>
internal sealed record IsExpression(TextSpan Span, Expression Operand, IsTest Test, bool Negated) : Predicate(Span)
{
    public override void AppendChildren(List<SqlNode> children) => children.Add(Operand);
}

/// <summary><c>a IS [NOT] DISTINCT FROM b</c>.</summary>
internal sealed record IsDistinctFromExpression(TextSpan Span, Expression Left, Expression Right, bool Negated) : Predicate(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Left);
        children.Add(Right);
    }
}

/// <summary><c>x [NOT] BETWEEN [SYMMETRIC] low AND high</c>.</summary>
internal sealed record BetweenExpression(TextSpan Span, Expression Operand, Expression Low, Expression High, bool Negated, bool Symmetric) : Predicate(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Operand);
        children.Add(Low);
        children.Add(High);
    }
}

/// <summary><c>x [NOT] IN (a, b, c)</c>.</summary>
internal sealed record InListExpression(TextSpan Span, Expression Operand, IReadOnlyList<Expression> Items, bool Negated) : Predicate(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Operand);
        Add(children, Items);
    }
}

/// <summary><c>x [NOT] IN (subquery)</c>.</summary>
internal sealed record InSubqueryExpression(TextSpan Span, Expression Operand, Query Query, bool Negated) : Predicate(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Operand);
        children.Add(Query);
    }
}

/// <summary>SQLite <c>x [NOT] IN tablename</c>.</summary>
internal sealed record InTableExpression(TextSpan Span, Expression Operand, NamedTable Table, bool Negated) : Predicate(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Operand);
        children.Add(Table);
    }
}

/// <summary><c>x [NOT] LIKE|ILIKE|SIMILAR TO|REGEXP|RLIKE|GLOB|MATCH pattern [ESCAPE e]</c>.</summary>
internal sealed record LikeExpression(TextSpan Span, LikeKind Kind, Expression Operand, Expression Pattern, Expression? Escape, bool Negated) : Predicate(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Operand);
        children.Add(Pattern);
        Add(children, Escape);
    }
}

/// <summary><c>EXISTS (subquery)</c>.</summary>
internal sealed record ExistsExpression(TextSpan Span, Query Query) : Predicate(Span)
{
    public override void AppendChildren(List<SqlNode> children) => children.Add(Query);
}

/// <summary><c>x op ANY|ALL|SOME (subquery)</c> or PostgreSQL <c>x op ANY(array)</c>.</summary>
internal sealed record QuantifiedComparison(TextSpan Span, BinaryOperator Operator, Quantifier Quantifier, Expression Left, Query? Subquery, Expression? Array) : Predicate(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Left);
        Add(children, Subquery);
        Add(children, Array);
    }
}

/// <summary>A scalar subquery: <c>(SELECT ...)</c>.</summary>
internal sealed record SubqueryExpression(TextSpan Span, Query Query) : Expression(Span)
{
    public override void AppendChildren(List<SqlNode> children) => children.Add(Query);
}

/// <summary><c>CASE [operand] WHEN ... THEN ... [ELSE ...] END</c>.</summary>
internal sealed record CaseExpression(TextSpan Span, Expression? Operand, IReadOnlyList<WhenClause> Whens, Expression? Else) : Expression(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        Add(children, Operand);
        Add(children, Whens);
        Add(children, Else);
    }
}

internal sealed record WhenClause(TextSpan Span, Expression Condition, Expression Result) : SqlNode(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Condition);
        children.Add(Result);
    }
}

/// <summary>A type name: <c>numeric(10, 2)</c>, <c>timestamp with time zone</c>, <c>int[]</c>.</summary>
internal sealed record DataType(TextSpan Span, string Name, IReadOnlyList<Expression> Arguments, int ArrayDimensions) : SqlNode(Span)
{
    public override void AppendChildren(List<SqlNode> children) => Add(children, Arguments);
}

/// <summary><c>CAST(x AS t)</c>, <c>x::t</c>, MySQL <c>CONVERT(x, t)</c>.</summary>
internal sealed record CastExpression(TextSpan Span, Expression Operand, DataType Type, CastSyntax Syntax) : Expression(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Operand);
        children.Add(Type);
    }
}

/// <summary>MySQL <c>CONVERT(x USING charset)</c>.</summary>
internal sealed record ConvertUsingExpression(TextSpan Span, Expression Operand, Identifier Charset) : Expression(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Operand);
        children.Add(Charset);
    }
}

/// <summary><c>EXTRACT(field FROM source)</c>.</summary>
internal sealed record ExtractExpression(TextSpan Span, string Field, Expression Source) : Expression(Span)
{
    public override void AppendChildren(List<SqlNode> children) => children.Add(Source);
}

/// <summary><c>SUBSTRING(source FROM start FOR length)</c> (or with commas).</summary>
internal sealed record SubstringExpression(TextSpan Span, Expression Source, Expression? Start, Expression? Length) : Expression(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Source);
        Add(children, Start);
        Add(children, Length);
    }
}

/// <summary><c>POSITION(needle IN haystack)</c>.</summary>
internal sealed record PositionExpression(TextSpan Span, Expression Needle, Expression Haystack) : Expression(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Needle);
        children.Add(Haystack);
    }
}

/// <summary><c>TRIM([LEADING|TRAILING|BOTH] [chars] FROM source)</c>.</summary>
internal sealed record TrimExpression(TextSpan Span, TrimSide Side, Expression? Characters, Expression Source) : Expression(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        Add(children, Characters);
        children.Add(Source);
    }
}

/// <summary><c>OVERLAY(source PLACING replacement FROM start [FOR length])</c>.</summary>
internal sealed record OverlayExpression(TextSpan Span, Expression Source, Expression Replacement, Expression Start, Expression? Length) : Expression(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Source);
        children.Add(Replacement);
        children.Add(Start);
        Add(children, Length);
    }
}

/// <summary><c>ARRAY[1, 2]</c> or <c>ARRAY(subquery)</c>.</summary>
internal sealed record ArrayExpression(TextSpan Span, IReadOnlyList<Expression> Elements, Query? Subquery) : Expression(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        Add(children, Elements);
        Add(children, Subquery);
    }
}

/// <summary><c>a[i]</c> or a slice <c>a[lo:hi]</c>.</summary>
internal sealed record SubscriptExpression(TextSpan Span, Expression Target, Expression? Index, Expression? Upper, bool Slice) : Expression(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Target);
        Add(children, Index);
        Add(children, Upper);
    }
}

/// <summary>A row constructor: <c>(a, b)</c> or <c>ROW(a, b)</c>.</summary>
internal sealed record RowExpression(TextSpan Span, IReadOnlyList<Expression> Items, bool ExplicitRow) : Expression(Span)
{
    public override void AppendChildren(List<SqlNode> children) => Add(children, Items);
}

/// <summary><c>x COLLATE name</c>.</summary>
internal sealed record CollateExpression(TextSpan Span, Expression Operand, ObjectName Collation) : Expression(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Operand);
        children.Add(Collation);
    }
}

/// <summary>PostgreSQL <c>(composite).field</c>.</summary>
internal sealed record FieldAccessExpression(TextSpan Span, Expression Target, Identifier Field) : Expression(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Target);
        children.Add(Field);
    }
}

/// <summary>MySQL <c>MATCH (cols) AGAINST (expr [modifier])</c>.</summary>
internal sealed record MatchAgainstExpression(TextSpan Span, IReadOnlyList<Expression> Columns, Expression Against) : Expression(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        Add(children, Columns);
        children.Add(Against);
    }
}

/// <summary><c>GROUP BY ROLLUP (a, b)</c>.</summary>
internal sealed record RollupExpression(TextSpan Span, IReadOnlyList<Expression> Items) : Expression(Span)
{
    public override void AppendChildren(List<SqlNode> children) => Add(children, Items);
}

/// <summary><c>GROUP BY CUBE (a, b)</c>.</summary>
internal sealed record CubeExpression(TextSpan Span, IReadOnlyList<Expression> Items) : Expression(Span)
{
    public override void AppendChildren(List<SqlNode> children) => Add(children, Items);
}

/// <summary><c>GROUP BY GROUPING SETS ((a, b), (a), ())</c>.</summary>
internal sealed record GroupingSetsExpression(TextSpan Span, IReadOnlyList<Expression> Sets) : Expression(Span)
{
    public override void AppendChildren(List<SqlNode> children) => Add(children, Sets);
}

/// <summary>A named argument: PostgreSQL <c>name =&gt; value</c> or <c>name := value</c>.</summary>
internal sealed record NamedArgument(TextSpan Span, Identifier Name, Expression Value) : Expression(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Name);
        children.Add(Value);
    }
}

/// <summary>
/// A function call with everything that may decorate it: <c>DISTINCT</c>, <c>*</c>, <c>ORDER BY</c> and MySQL
/// <c>SEPARATOR</c> inside the parentheses, <c>WITHIN GROUP (ORDER BY ...)</c>, <c>FILTER (WHERE ...)</c>,
/// <c>OVER (...)</c> or <c>OVER name</c>. <see cref="NoParentheses"/> marks <c>CURRENT_DATE</c> and the like.
/// </summary>
internal sealed record FunctionCall(
    TextSpan Span,
    ObjectName Name,
    IReadOnlyList<Expression> Arguments,
    bool Distinct,
    bool StarArgument,
    IReadOnlyList<OrderByItem> OrderBy,
    Expression? Separator,
    IReadOnlyList<OrderByItem> WithinGroup,
    Expression? Filter,
    WindowSpec? Over,
    Identifier? OverWindow,
    bool NoParentheses) : Expression(Span)
{
    public override void AppendChildren(List<SqlNode> children)
    {
        children.Add(Name);
        Add(children, Arguments);
        Add(children, OrderBy);
        Add(children, Separator);
        Add(children, WithinGroup);
        Add(children, Filter);
        Add(children, Over);
        Add(children, OverWindow);
    }
}
