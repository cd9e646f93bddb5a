using Gateway.Sql.Dialects;

namespace Gateway.Sql.Policy;

/// <summary>
/// Checks policy documents and layers them into one <see cref="SqlPolicy"/>: built-in dialect lists, then the
/// built-in default policy, then (optionally) a user's policy. Settings replace; deny-list entries only add.
/// Every problem in a document is collected, so one run reports them all.
/// </summary>
internal sealed class PolicyComposer
{
    private readonly List<string> _errors = [];
    private readonly Dictionary<SqlDialectKind, Dictionary<string, DeniedName>> _functions = [];
    private readonly Dictionary<SqlDialectKind, Dictionary<string, DeniedName>> _relations = [];
    private int? _maxRows;
    private HashSet<string> _allowedTables = NewSet();
    private HashSet<string> _deniedTables = NewSet();
    private HashSet<string> _deniedColumns = NewSet();
    private HashSet<string> _maskedColumns = NewSet();
    private HashSet<string> _deniedFunctions = NewSet();

    public PolicyComposer()
    {
        foreach (var kind in Enum.GetValues<SqlDialectKind>())
        {
            _functions[kind] = new(StringComparer.OrdinalIgnoreCase);
            _relations[kind] = new(StringComparer.OrdinalIgnoreCase);
        }
    }

    /// <summary>Adds one dialect's built-in deny lists.</summary>
    public PolicyComposer AddDialect(SqlDialectKind kind, DialectDocument document, string source)
    {
        AddEntries(kind, document, "");
        Throw(source);
        return this;
    }

    /// <summary>Layers a policy document: settings it names replace the current ones; dialect entries add.</summary>
    public PolicyComposer AddPolicy(PolicyDocument document, string source)
    {
        if (document.MaxRows is { } maxRows)
        {
            if (maxRows < 0)
            {
                _errors.Add($"max_rows is {maxRows}; it must be a positive number of rows, or 0 for no cap.");
            }

            _maxRows = maxRows;
        }

        _allowedTables = Names(document.Tables?.Allow, "tables.allow") ?? _allowedTables;
        _deniedTables = Names(document.Tables?.Deny, "tables.deny") ?? _deniedTables;
        _deniedColumns = Names(document.Columns?.Deny, "columns.deny") ?? _deniedColumns;
        _maskedColumns = Names(document.Columns?.Mask, "columns.mask") ?? _maskedColumns;
        _deniedFunctions = Names(document.Functions?.Deny, "functions.deny") ?? _deniedFunctions;

        foreach (var (name, dialect) in document.Dialects ?? [])
        {
            if (!SqlDialectNames.TryParse(name, out var kind))
            {
                _errors.Add($"dialects.{name} is not a dialect; use one of {string.Join(", ", SqlDialectNames.Canonical)}.");
                continue;
            }

            if (dialect is not null)
            {
                AddEntries(kind.Value, dialect, $"dialects.{name}.");
            }
        }

        Throw(source);
        return this;
    }

    public SqlPolicy Build() => new()
    {
        MaxRows = _maxRows is null or 0 ? null : _maxRows,
        AllowedTables = _allowedTables,
        DeniedTables = _deniedTables,
        DeniedColumns = _deniedColumns,
        MaskedColumns = _maskedColumns,
        DeniedFunctions = _deniedFunctions,
        Dialects = Enum.GetValues<SqlDialectKind>().ToDictionary(
            kind => kind,
            kind => new DialectRules { DeniedFunctions = new Dictionary<string, DeniedName>(_functions[kind], StringComparer.OrdinalIgnoreCase), ProtectedRelations = new Dictionary<string, DeniedName>(_relations[kind], StringComparer.OrdinalIgnoreCase) }),
    };

    private void AddEntries(SqlDialectKind kind, DialectDocument document, string prefix)
    {
        AddEntries(_functions[kind], document.Functions, $"{prefix}functions");
        AddEntries(_relations[kind], document.Relations, $"{prefix}relations");
    }

    /// <summary>An entry naming an existing one replaces it (a deployment may reword a reason); names never disappear.</summary>
    private void AddEntries(Dictionary<string, DeniedName> target, List<DeniedNameDocument?>? entries, string key)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < (entries?.Count ?? 0); i++)
        {
            var entry = entries![i];
            var name = entry?.Name?.Trim();
            if (string.IsNullOrEmpty(name) || string.IsNullOrWhiteSpace(entry!.Category) || string.IsNullOrWhiteSpace(entry.Reason))
            {
                _errors.Add($"{key}[{i}] needs a non-empty name, category and reason.");
                continue;
            }

            if (!seen.Add(name))
            {
                _errors.Add($"{key}[{i}] repeats the name '{name}'.");
                continue;
            }

            target[name] = new DeniedName(name, entry.Category.Trim(), entry.Reason.Trim());
        }
    }

    private HashSet<string>? Names(List<string?>? names, string key)
    {
        if (names is null)
        {
            return null;
        }

        var set = NewSet();
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i]?.Trim();
            if (string.IsNullOrEmpty(name) || name.Any(char.IsWhiteSpace) || name.StartsWith('.') || name.EndsWith('.'))
            {
                _errors.Add($"{key}[{i}] is '{names[i]}'; expected a name such as 'orders' or 'sales.orders'.");
                continue;
            }

            set.Add(name);
        }

        return set;
    }

    private void Throw(string source)
    {
        if (_errors.Count == 0)
        {
            return;
        }

        var message = _errors.Count == 1 ? $"{source}: {_errors[0]}" : $"{source}: {_errors.Count} problems: {string.Join(" ", _errors)}";
        _errors.Clear();
        throw new PolicyException(message);
    }

    private static HashSet<string> NewSet() => new(StringComparer.OrdinalIgnoreCase);
}
