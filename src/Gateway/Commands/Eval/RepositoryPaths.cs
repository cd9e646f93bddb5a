namespace Gateway.Commands.Eval;

/// <summary>Finds the repository root (the folder holding <c>Gateway.sln</c>) to default to <c>../shared/spider</c> beside it.</summary>
internal static class RepositoryPaths
{
    public static string? DefaultSpiderDirectory()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
                {
                    var spider = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "spider"));
                    if (Directory.Exists(spider))
                    {
                        return spider;
                    }

                    break;
                }
            }
        }

        return null;
    }
}
