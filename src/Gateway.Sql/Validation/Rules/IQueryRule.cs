namespace Gateway.Sql.Validation.Rules;

/// <summary>One read-only safety rule. Rules are stateless; each returns its first violation, or null.</summary>
internal interface IQueryRule
{
    /// <summary>The rule id it reports (from <see cref="RuleIds"/>); a rule may report a more specific id per finding.</summary>
    string Id { get; }

    RuleViolation? Check(RuleContext context);
}
