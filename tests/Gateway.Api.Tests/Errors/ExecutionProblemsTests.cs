using Gateway.Api.Errors;
using Gateway.Execution;

namespace Gateway.Api.Tests.Errors;

public sealed class ExecutionProblemsTests
{
    [Theory]
    [InlineData(ExecutionErrorCode.Timeout, 504, "execution.timeout")]
    [InlineData(ExecutionErrorCode.Unavailable, 503, "execution.unavailable")]
    [InlineData(ExecutionErrorCode.PermissionDenied, 403, "execution.permission_denied")]
    [InlineData(ExecutionErrorCode.QueryFailed, 422, "execution.query_failed")]
    public void Each_execution_error_code_has_its_status_and_stable_code(ExecutionErrorCode code, int status, string expected)
    {
        var problem = ExecutionProblems.From(new ExecutionException(code, "message naming the source"));

        Assert.Equal(status, problem.Status);
        Assert.Equal(expected, problem.Code);
        Assert.Equal("message naming the source", problem.Message);
    }
}
