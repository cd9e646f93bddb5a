using System.CommandLine;
using System.Globalization;
using Gateway.Audit.Trail;

namespace Gateway.Commands.Audit;

/// <summary>The filters <c>audit list</c> and <c>audit export</c> share, matching the API's query parameters.</summary>
internal sealed class AuditFilterOptions
{
    private readonly Option<string?> _principal = new("--principal") { Description = "Only this principal's records." };
    private readonly Option<string?> _source = new("--source") { Description = "Only this source (or dialect:NAME)." };
    private readonly Option<string?> _verdict = new("--verdict") { Description = "allowed, rejected or error." };
    private readonly Option<string?> _rule = new("--rule") { Description = "Only rejections by this rule id." };
    private readonly Option<string?> _from = new("--from") { Description = "From this time (ISO 8601, inclusive; UTC unless an offset is given)." };
    private readonly Option<string?> _to = new("--to") { Description = "Until this time (ISO 8601, exclusive)." };

    public void AddTo(Command command)
    {
        command.Options.Add(_principal);
        command.Options.Add(_source);
        command.Options.Add(_verdict);
        command.Options.Add(_rule);
        command.Options.Add(_from);
        command.Options.Add(_to);
    }

    /// <summary>The filter, or null with <paramref name="error"/> set when a value does not parse.</summary>
    public AuditFilter? Read(ParseResult parse, out string? error)
    {
        error = null;
        AuditVerdict? verdict = null;
        if (parse.GetValue(_verdict) is { } verdictName)
        {
            if (!AuditVerdictNames.TryParse(verdictName, out var parsed))
            {
                error = "--verdict must be allowed, rejected or error.";
                return null;
            }

            verdict = parsed;
        }

        if (!TryTime(parse.GetValue(_from), out var from) || !TryTime(parse.GetValue(_to), out var to))
        {
            error = "--from and --to must be ISO 8601 times, e.g. 2026-01-31T12:00:00Z.";
            return null;
        }

        return new AuditFilter
        {
            Principal = parse.GetValue(_principal),
            Source = parse.GetValue(_source),
            Verdict = verdict,
            Rule = parse.GetValue(_rule),
            From = from,
            To = to,
        };
    }

    private static bool TryTime(string? text, out DateTimeOffset? time)
    {
        time = null;
        if (text is null)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            time = parsed;
            return true;
        }

        return false;
    }
}
