namespace Gateway.Api.Errors;

/// <summary>A request the gateway refuses, with the HTTP status and stable code the client gets back.</summary>
internal sealed class ApiProblemException(int status, string code, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    public string Code { get; } = code;
}
