namespace Gateway.Audit.Tests;

/// <summary>A clock the test moves by hand, so time filters are tested without sleeping.</summary>
internal sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
