using System.Runtime.ExceptionServices;

namespace Gateway.Sql.TSql;

/// <summary>
/// Runs work on a dedicated thread with a large stack. Long inputs can build deep trees (a left-deep chain of
/// thousands of ORs) that the recursive parser and visitor walk; a thread-pool thread has about 1.5 MB of stack,
/// and an overflow cannot be caught. Starting a thread costs about 0.1 ms, so only long inputs come here.
/// </summary>
internal static class TSqlLargeStack
{
    public const int StackBytes = 256 * 1024 * 1024;

    public static T Run<T>(Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
#pragma warning disable CA1031 // Rethrown on the calling thread, where it can be handled; unhandled here it would end the process.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    failure = ExceptionDispatchInfo.Capture(ex);
                }
            },
            StackBytes)
        {
            IsBackground = true,
            Name = "gateway-tsql-validate",
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
