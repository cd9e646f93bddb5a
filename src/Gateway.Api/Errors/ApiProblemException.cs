namespace Gateway.Api.Errors;

/// <summary>A request the gateway refuses, with the HTTP status and stable code the client gets back.</summary>
internal sealed class ApiProblemException(int status, string code, string detail, IReadOnlyDictionary<string, object?>? extensions = null)
    : Exception(detail)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    /// <summary>Extra problem members (a rejection's rule and position, the audit id).</summary>
    public IReadOnlyDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();

    /// <summary>The same problem naming the audit record that holds the refusal, so the client can quote it.</summary>
    public ApiProblemException WithAuditId(long auditId) =>
        new(Status, Code, Message, new Dictionary<string, object?>(Extensions) { ["auditId"] = auditId });
}
