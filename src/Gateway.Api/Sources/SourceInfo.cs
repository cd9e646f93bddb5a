namespace Gateway.Api.Sources;

/// <summary>
/// One entry of <c>GET /v1/sources</c>: the name, the provider (which is also the SQL dialect) and whether a
/// <c>SELECT 1</c> just succeeded, with the execution error code when it did not. Never a connection string.
/// </summary>
public sealed record SourceInfo(string Name, string Provider, string Dialect, bool Reachable, string? Error);
