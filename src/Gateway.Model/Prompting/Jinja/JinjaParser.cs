using System.Globalization;
using System.Text;

namespace Gateway.Model.Prompting.Jinja;

/// <summary>
/// Parses the Jinja subset that Hugging Face chat templates use, with the environment HF renders them in
/// (<c>trim_blocks</c> and <c>lstrip_blocks</c> on, <c>-</c> whitespace control): text, <c>{{ expr }}</c>,
/// <c>if/elif/else</c>, <c>for ... in ... [if ...]</c> with <c>else</c> and the <c>loop</c> variables,
/// <c>set</c> (also <c>set ns.attr</c>), <c>break</c>/<c>continue</c>, <c>generation</c>, comments. Anything else
/// (macro, call, include, block, set blocks, ...) is an error that names the construct and its line.
/// </summary>
internal sealed class JinjaParser
{
    private static readonly string[] KnownFilters =
        ["trim", "length", "count", "tojson", "upper", "lower", "default", "d", "join", "first", "last", "string", "capitalize", "title",
         "list", "items", "replace", "int", "float", "abs", "reverse", "safe", "e", "escape", "selectattr", "rejectattr", "map", "unique", "sort"];

    private static readonly string[] KnownTests =
        ["defined", "undefined", "none", "string", "number", "integer", "float", "mapping", "iterable", "sequence", "boolean", "true", "false",
         "equalto", "eq", "odd", "even", "callable"];

    private static readonly string[] ComparisonOperators = ["==", "!=", "<=", ">=", "<", ">", "in"];

    private static readonly string[] MultiplicativeOperators = ["*", "//", "/", "%"];

    private readonly List<Tag> _tags;
    private int _position;

    private JinjaParser(List<Tag> tags) => _tags = tags;

    public static IReadOnlyList<JinjaNode> Parse(string source)
    {
        var parser = new JinjaParser(Split(source));
        var body = parser.ParseBody(out var end);
        if (end is not null)
        {
            throw new ChatTemplateException($"line {end.Line}: '{{% {end.Content} %}}' has no opening tag");
        }

        return body;
    }

    private enum TagKind
    {
        Text,
        Output,
        Statement,
    }

    private sealed record Tag(TagKind Kind, string Content, int Line);

    // Splits the source into text, {{ }} and {% %} (comments dropped), applying '-' whitespace control,
    // trim_blocks (the newline after a block tag goes) and lstrip_blocks (spaces before a block tag on its line go).
    private static List<Tag> Split(string source)
    {
        var tags = new List<Tag>();
        var text = new StringBuilder();
        var i = 0;
        var line = 1;
        while (i < source.Length)
        {
            var open = IndexOfOpening(source, i);
            if (open < 0)
            {
                text.Append(source, i, source.Length - i);
                break;
            }

            text.Append(source, i, open - i);
            line += CountNewlines(source, i, open);
            var kind = source[open + 1];
            var stripBefore = open + 2 < source.Length && source[open + 2] == '-';
            var contentStart = open + 2 + (stripBefore || (open + 2 < source.Length && source[open + 2] == '+') ? 1 : 0);
            var closing = kind switch { '{' => "}}", '%' => "%}", _ => "#}" };
            var close = kind == '#' ? source.IndexOf(closing, contentStart, StringComparison.Ordinal) : IndexOfClosing(source, contentStart, closing);
            if (close < 0)
            {
                throw new ChatTemplateException($"line {line}: '{source.Substring(open, 2)}' is never closed with '{closing}'");
            }

            var stripAfter = close > contentStart && source[close - 1] == '-';
            var content = source[contentStart..(stripAfter ? close - 1 : close)].Trim();
            if (stripBefore)
            {
                TrimEnd(text);
            }
            else if (kind != '{' && !(open + 2 < source.Length && source[open + 2] == '+'))
            {
                StripLineStart(text);
            }

            if (text.Length > 0)
            {
                tags.Add(new Tag(TagKind.Text, text.ToString(), line));
                text.Clear();
            }

            if (kind != '#')
            {
                tags.Add(new Tag(kind == '{' ? TagKind.Output : TagKind.Statement, content, line));
            }

            line += CountNewlines(source, open, close);
            i = close + 2;
            if (stripAfter)
            {
                while (i < source.Length && char.IsWhiteSpace(source[i]))
                {
                    line += source[i] == '\n' ? 1 : 0;
                    i++;
                }
            }
            else if (kind != '{' && i < source.Length && (source[i] == '\n' || (source[i] == '\r' && i + 1 < source.Length && source[i + 1] == '\n')))
            {
                i += source[i] == '\r' ? 2 : 1;
                line++;
            }
        }

        if (text.Length > 0)
        {
            tags.Add(new Tag(TagKind.Text, text.ToString(), line));
        }

        return tags;
    }

    private static int IndexOfOpening(string source, int from)
    {
        for (var i = from; i + 1 < source.Length; i++)
        {
            if (source[i] == '{' && source[i + 1] is '{' or '%' or '#')
            {
                return i;
            }
        }

        return -1;
    }

    // The closing delimiter outside string literals.
    private static int IndexOfClosing(string source, int from, string closing)
    {
        char? quote = null;
        for (var i = from; i + 1 < source.Length; i++)
        {
            var c = source[i];
            if (quote is { } q)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == q)
                {
                    quote = null;
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == closing[0] && source[i + 1] == closing[1])
            {
                return i;
            }
        }

        return -1;
    }

    private static int CountNewlines(string source, int from, int to) => source.AsSpan(from, to - from).Count('\n');

    private static void TrimEnd(StringBuilder text)
    {
        var end = text.Length;
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        text.Length = end;
    }

    private static void StripLineStart(StringBuilder text)
    {
        var end = text.Length;
        while (end > 0 && text[end - 1] is ' ' or '\t')
        {
            end--;
        }

        if (end == 0 || text[end - 1] == '\n')
        {
            text.Length = end;
        }
    }

    // Parses nodes until an end-like statement (endif, else, elif, endfor, ...) or the end; returns that tag.
    private List<JinjaNode> ParseBody(out Tag? end)
    {
        var nodes = new List<JinjaNode>();
        while (_position < _tags.Count)
        {
            var tag = _tags[_position++];
            switch (tag.Kind)
            {
                case TagKind.Text:
                    nodes.Add(new TextNode(tag.Content));
                    break;
                case TagKind.Output:
                    nodes.Add(new OutputNode(ParseExpression(tag.Content, tag.Line)));
                    break;
                default:
                    var keyword = FirstWord(tag.Content);
                    switch (keyword)
                    {
                        case "if":
                            nodes.Add(ParseIf(tag));
                            break;
                        case "for":
                            nodes.Add(ParseFor(tag));
                            break;
                        case "set":
                            nodes.Add(ParseSet(tag));
                            break;
                        case "break":
                            nodes.Add(new LoopControlNode(Break: true));
                            break;
                        case "continue":
                            nodes.Add(new LoopControlNode(Break: false));
                            break;
                        case "generation":
                            var inner = ParseBody(out var endGeneration);
                            Expect(endGeneration, tag, "endgeneration");
                            nodes.AddRange(inner);
                            break;
                        case "endif" or "else" or "elif" or "endfor" or "endgeneration":
                            end = tag;
                            return nodes;
                        default:
                            throw new ChatTemplateException($"line {tag.Line}: unsupported Jinja construct '{{% {keyword} %}}' (supported: if, for, set, break, continue, generation)");
                    }

                    break;
            }
        }

        end = null;
        return nodes;
    }

    private IfNode ParseIf(Tag tag)
    {
        var branches = new List<(JinjaExpression?, IReadOnlyList<JinjaNode>)>();
        var condition = ParseExpression(tag.Content["if".Length..], tag.Line);
        while (true)
        {
            var body = ParseBody(out var end);
            branches.Add((condition, body));
            switch (end is null ? null : FirstWord(end.Content))
            {
                case "elif":
                    condition = ParseExpression(end!.Content["elif".Length..], end.Line);
                    continue;
                case "else":
                    var elseBody = ParseBody(out var endIf);
                    Expect(endIf, tag, "endif");
                    branches.Add((null, elseBody));
                    return new IfNode(branches);
                default:
                    Expect(end, tag, "endif");
                    return new IfNode(branches);
            }
        }
    }

    private ForNode ParseFor(Tag tag)
    {
        var reader = new ExpressionReader(tag.Content["for".Length..], tag.Line);
        var targets = new List<string> { reader.Name() };
        while (reader.Accept(","))
        {
            targets.Add(reader.Name());
        }

        reader.ExpectKeyword("in");
        var iterable = reader.ParseFilterable(allowConditional: false);
        JinjaExpression? filter = null;
        if (reader.AcceptKeyword("if"))
        {
            filter = reader.ParseExpression();
        }

        if (reader.AcceptKeyword("recursive"))
        {
            throw new ChatTemplateException($"line {tag.Line}: unsupported Jinja construct 'recursive' loops");
        }

        reader.ExpectEnd();
        var body = ParseBody(out var end);
        List<JinjaNode> elseBody = [];
        if (end is not null && FirstWord(end.Content) == "else")
        {
            elseBody = ParseBody(out end);
        }

        Expect(end, tag, "endfor");
        return new ForNode(targets, iterable, filter, body, elseBody);
    }

    private static SetNode ParseSet(Tag tag)
    {
        var reader = new ExpressionReader(tag.Content["set".Length..], tag.Line);
        var name = reader.Name();
        string? attribute = null;
        if (reader.Accept("."))
        {
            attribute = reader.Name();
        }

        if (!reader.Accept("="))
        {
            throw new ChatTemplateException($"line {tag.Line}: unsupported Jinja construct '{{% set {name} %}}...{{% endset %}}' (block set); use '{{% set {name} = ... %}}'");
        }

        var value = reader.ParseExpression();
        reader.ExpectEnd();
        return new SetNode(name, attribute, value);
    }

    private static void Expect(Tag? end, Tag opening, string keyword)
    {
        if (end is null || FirstWord(end.Content) != keyword)
        {
            throw new ChatTemplateException(
                $"line {opening.Line}: '{{% {FirstWord(opening.Content)} %}}' is closed by {(end is null ? "the end of the template" : $"'{{% {end.Content} %}}' on line {end.Line}")}, expected '{{% {keyword} %}}'");
        }
    }

    private static string FirstWord(string content)
    {
        var end = 0;
        while (end < content.Length && (char.IsLetterOrDigit(content[end]) || content[end] == '_'))
        {
            end++;
        }

        return content[..end];
    }

    private static JinjaExpression ParseExpression(string source, int line)
    {
        var reader = new ExpressionReader(source, line);
        var expression = reader.ParseExpression();
        reader.ExpectEnd();
        return expression;
    }

    /// <summary>Tokens of one expression and a recursive-descent parser over them, with Jinja's precedence.</summary>
    private sealed class ExpressionReader
    {
        private readonly List<(string Text, bool IsString, bool IsNumber)> _tokens = [];
        private readonly int _line;
        private int _at;

        public ExpressionReader(string source, int line)
        {
            _line = line;
            Tokenize(source);
        }

        public JinjaExpression ParseExpression()
        {
            var value = ParseOr();
            if (AcceptKeyword("if"))
            {
                var condition = ParseOr();
                var otherwise = AcceptKeyword("else") ? ParseExpression() : new LiteralExpression(Undefined.Instance);
                return new ConditionalExpression(condition, value, otherwise);
            }

            return value;
        }

        public JinjaExpression ParseFilterable(bool allowConditional) => allowConditional ? ParseExpression() : ParseOr();

        public string Name()
        {
            var token = Next();
            if (token.IsString || token.IsNumber || !IsIdentifier(token.Text))
            {
                throw Error($"expected a name, found '{token.Text}'");
            }

            return token.Text;
        }

        public bool Accept(string symbol)
        {
            if (_at < _tokens.Count && !_tokens[_at].IsString && _tokens[_at].Text == symbol)
            {
                _at++;
                return true;
            }

            return false;
        }

        public bool AcceptKeyword(string keyword) => Accept(keyword);

        public void ExpectKeyword(string keyword)
        {
            if (!Accept(keyword))
            {
                throw Error($"expected '{keyword}', found '{Peek() ?? "the end"}'");
            }
        }

        public void ExpectEnd()
        {
            if (_at < _tokens.Count)
            {
                throw Error($"unexpected '{_tokens[_at].Text}'");
            }
        }

        private JinjaExpression ParseOr()
        {
            var left = ParseAnd();
            while (AcceptKeyword("or"))
            {
                left = new BinaryExpression("or", left, ParseAnd());
            }

            return left;
        }

        private JinjaExpression ParseAnd()
        {
            var left = ParseNot();
            while (AcceptKeyword("and"))
            {
                left = new BinaryExpression("and", left, ParseNot());
            }

            return left;
        }

        private JinjaExpression ParseNot() => AcceptKeyword("not") ? new NotExpression(ParseNot()) : ParseCompare();

        private JinjaExpression ParseCompare()
        {
            var left = ParseConcat();
            while (true)
            {
                string? op = null;
                foreach (var candidate in ComparisonOperators)
                {
                    if (Accept(candidate))
                    {
                        op = candidate;
                        break;
                    }
                }

                if (op is null && Peek() == "not" && PeekAt(1) == "in")
                {
                    _at += 2;
                    op = "not in";
                }

                if (op is null)
                {
                    return left;
                }

                left = new BinaryExpression(op, left, ParseConcat());
            }
        }

        private JinjaExpression ParseConcat()
        {
            var left = ParseAdd();
            while (Accept("~"))
            {
                left = new BinaryExpression("~", left, ParseAdd());
            }

            return left;
        }

        private JinjaExpression ParseAdd()
        {
            var left = ParseMultiply();
            while (true)
            {
                if (Accept("+"))
                {
                    left = new BinaryExpression("+", left, ParseMultiply());
                }
                else if (Accept("-"))
                {
                    left = new BinaryExpression("-", left, ParseMultiply());
                }
                else
                {
                    return left;
                }
            }
        }

        private JinjaExpression ParseMultiply()
        {
            var left = ParseUnary();
            while (true)
            {
                var op = MultiplicativeOperators.FirstOrDefault(Accept);
                if (op is null)
                {
                    return left;
                }

                left = new BinaryExpression(op, left, ParseUnary());
            }
        }

        private JinjaExpression ParseUnary()
        {
            if (Accept("-"))
            {
                return new BinaryExpression("-", new LiteralExpression(0L), ParseUnary());
            }

            return Accept("+") ? ParseUnary() : ParseFiltersAndTests(ParsePostfix(ParsePrimary()));
        }

        private JinjaExpression ParsePostfix(JinjaExpression target)
        {
            while (true)
            {
                if (Accept("."))
                {
                    target = new AttributeExpression(target, new LiteralExpression(Name()));
                }
                else if (Accept("["))
                {
                    JinjaExpression? start = Peek() == ":" ? null : ParseExpression();
                    if (Accept(":"))
                    {
                        var stop = Peek() is "]" or ":" ? null : ParseExpression();
                        var step = Accept(":") && Peek() != "]" ? ParseExpression() : null;
                        Expect("]");
                        target = new SliceExpression(target, start, stop, step);
                    }
                    else
                    {
                        Expect("]");
                        target = new AttributeExpression(target, start!);
                    }
                }
                else if (Accept("("))
                {
                    var (args, kwargs) = ParseArguments();
                    target = new CallExpression(target, args, kwargs, _line);
                }
                else
                {
                    return target;
                }
            }
        }

        private JinjaExpression ParseFiltersAndTests(JinjaExpression target)
        {
            while (true)
            {
                if (Accept("|"))
                {
                    var name = Name();
                    if (!KnownFilters.Contains(name, StringComparer.Ordinal))
                    {
                        throw Error($"unsupported Jinja filter '{name}' (supported: {string.Join(", ", KnownFilters)})");
                    }

                    var (args, kwargs) = Accept("(") ? ParseArguments() : (new List<JinjaExpression>(), new Dictionary<string, JinjaExpression>());
                    target = new FilterExpression(target, name, args, kwargs, _line);
                }
                else if (Accept("is"))
                {
                    var negated = AcceptKeyword("not");
                    var name = Name();
                    if (!KnownTests.Contains(name, StringComparer.Ordinal))
                    {
                        throw Error($"unsupported Jinja test '{name}' (supported: {string.Join(", ", KnownTests)})");
                    }

                    var args = new List<JinjaExpression>();
                    if (Accept("("))
                    {
                        args.AddRange(ParseArguments().Args);
                    }
                    else if (name is "equalto" or "eq")
                    {
                        args.Add(ParsePostfix(ParsePrimary()));
                    }

                    var test = new TestExpression(target, name, args);
                    target = negated ? new NotExpression(test) : test;
                }
                else
                {
                    return target;
                }
            }
        }

        private (List<JinjaExpression> Args, Dictionary<string, JinjaExpression> Kwargs) ParseArguments()
        {
            var args = new List<JinjaExpression>();
            var kwargs = new Dictionary<string, JinjaExpression>(StringComparer.Ordinal);
            while (!Accept(")"))
            {
                if (IsIdentifier(Peek() ?? "") && PeekAt(1) == "=")
                {
                    var name = Name();
                    _at++;
                    kwargs[name] = ParseExpression();
                }
                else
                {
                    args.Add(ParseExpression());
                }

                if (!Accept(","))
                {
                    Expect(")");
                    break;
                }
            }

            return (args, kwargs);
        }

        private JinjaExpression ParsePrimary()
        {
            var token = Next();
            if (token.IsString)
            {
                var text = token.Text;
                // Adjacent string literals join, as in Python.
                while (_at < _tokens.Count && _tokens[_at].IsString)
                {
                    text += _tokens[_at++].Text;
                }

                return new LiteralExpression(text);
            }

            if (token.IsNumber)
            {
                return token.Text.Contains('.', StringComparison.Ordinal)
                    ? new LiteralExpression(double.Parse(token.Text, CultureInfo.InvariantCulture))
                    : new LiteralExpression(long.Parse(token.Text, CultureInfo.InvariantCulture));
            }

            switch (token.Text)
            {
                case "true" or "True":
                    return new LiteralExpression(true);
                case "false" or "False":
                    return new LiteralExpression(false);
                case "none" or "None":
                    return new LiteralExpression(null);
                case "(":
                    var inner = ParseExpression();
                    Expect(")");
                    return inner;
                case "[":
                    var items = new List<JinjaExpression>();
                    while (!Accept("]"))
                    {
                        items.Add(ParseExpression());
                        if (!Accept(","))
                        {
                            Expect("]");
                            break;
                        }
                    }

                    return new ListExpression(items);
                case "{":
                    var entries = new List<(JinjaExpression, JinjaExpression)>();
                    while (!Accept("}"))
                    {
                        var key = ParseExpression();
                        Expect(":");
                        entries.Add((key, ParseExpression()));
                        if (!Accept(","))
                        {
                            Expect("}");
                            break;
                        }
                    }

                    return new DictExpression(entries);
                default:
                    if (!IsIdentifier(token.Text))
                    {
                        throw Error($"unexpected '{token.Text}'");
                    }

                    return new VariableExpression(token.Text);
            }
        }

        private void Expect(string symbol)
        {
            if (!Accept(symbol))
            {
                throw Error($"expected '{symbol}', found '{Peek() ?? "the end"}'");
            }
        }

        private (string Text, bool IsString, bool IsNumber) Next() =>
            _at < _tokens.Count ? _tokens[_at++] : throw Error("unexpected end of expression");

        private string? Peek() => PeekAt(0);

        private string? PeekAt(int offset) =>
            _at + offset < _tokens.Count && !_tokens[_at + offset].IsString ? _tokens[_at + offset].Text : null;

        private ChatTemplateException Error(string message) => new($"line {_line}: {message}");

        private static bool IsIdentifier(string text) =>
            text.Length > 0 && (char.IsLetter(text[0]) || text[0] == '_') && text.All(c => char.IsLetterOrDigit(c) || c == '_');

        private void Tokenize(string source)
        {
            var i = 0;
            while (i < source.Length)
            {
                var c = source[i];
                if (char.IsWhiteSpace(c))
                {
                    i++;
                }
                else if (c is '\'' or '"')
                {
                    var text = new StringBuilder();
                    i++;
                    while (i < source.Length && source[i] != c)
                    {
                        if (source[i] == '\\' && i + 1 < source.Length)
                        {
                            i++;
                            text.Append(source[i] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', var other => other });
                        }
                        else
                        {
                            text.Append(source[i]);
                        }

                        i++;
                    }

                    if (i >= source.Length)
                    {
                        throw Error("unterminated string literal");
                    }

                    i++;
                    _tokens.Add((text.ToString(), true, false));
                }
                else if (char.IsDigit(c))
                {
                    var start = i;
                    while (i < source.Length && (char.IsDigit(source[i]) || (source[i] == '.' && i + 1 < source.Length && char.IsDigit(source[i + 1]))))
                    {
                        i++;
                    }

                    _tokens.Add((source[start..i], false, true));
                }
                else if (char.IsLetter(c) || c == '_')
                {
                    var start = i;
                    while (i < source.Length && (char.IsLetterOrDigit(source[i]) || source[i] == '_'))
                    {
                        i++;
                    }

                    _tokens.Add((source[start..i], false, false));
                }
                else
                {
                    var two = i + 1 < source.Length ? source.Substring(i, 2) : "";
                    if (two is "==" or "!=" or "<=" or ">=" or "//" or "**")
                    {
                        if (two == "**")
                        {
                            throw Error("unsupported Jinja operator '**'");
                        }

                        _tokens.Add((two, false, false));
                        i += 2;
                    }
                    else if ("+-*/%~<>()[]{}.,:|=".Contains(c, StringComparison.Ordinal))
                    {
                        _tokens.Add((c.ToString(), false, false));
                        i++;
                    }
                    else
                    {
                        throw Error($"unexpected character '{c}'");
                    }
                }
            }
        }
    }
}
