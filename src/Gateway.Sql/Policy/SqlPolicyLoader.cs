namespace Gateway.Sql.Policy;

/// <summary>Loads policies: the built-in default, or a user's file layered over it. (Being written.)</summary>
public static class SqlPolicyLoader
{
    public static SqlPolicy LoadDefault() => new();

    public static Task<SqlPolicy> LoadFileAsync(string path, CancellationToken cancellationToken = default) =>
        Task.FromResult(new SqlPolicy());
}
