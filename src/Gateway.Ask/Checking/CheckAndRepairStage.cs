using Gateway.Execution;
using Gateway.Execution.Sources;
using Gateway.Generation;
using System.Globalization;

namespace Gateway.Ask.Checking;

/// <summary>
/// Generate, check, repair. Every candidate is validated under the policy and run read-only; the first that runs
/// wins. A rejected or failing candidate goes back to the generator with its error, at most
/// <see cref="AskOptions.MaxRepairs"/> times. An intermediate query (distinct values of a column) is run, its values
/// are added to the request and the generator is asked again, at most <see cref="AskOptions.MaxIntermediateRounds"/>
/// times. The generate, check and execute stages are timed and traced each time they run.
/// </summary>
internal sealed class CheckAndRepairStage(ReadOnlyRunner runner, AskOptions options)
{
    public async Task<SearchOutcome> RunAsync(
        ISqlGenerator generator, GenerationRequest first, SourceDescriptor source, StageClock clock, CancellationToken cancellationToken)
    {
        var request = first;
        var tried = new List<TriedCandidate>();
        var (repairs, rounds) = (0, 0);
        SearchOutcome? lastFailure = null;
        string? refusal = null;
        SqlCandidate? refused = null;
        while (true)
        {
            var candidates = await GenerateAsync(generator, request, clock, cancellationToken).ConfigureAwait(false);
            GenerationRequest? next = null;
            foreach (var candidate in candidates)
            {
                if (candidate.Kind == CandidateKind.Refusal)
                {
                    tried.Add(new TriedCandidate(candidate.Kind.ToName(), null, "refused", candidate.Reason));
                    (refusal, refused) = (refusal ?? candidate.Reason, refused ?? candidate);
                    continue;
                }

                var intermediate = candidate.Kind == CandidateKind.IntermediateSql && rounds < options.MaxIntermediateRounds;
                var (verdict, failure) = await CheckAsync(candidate, request, tried, clock, cancellationToken).ConfigureAwait(false);
                if (failure is not null)
                {
                    lastFailure = failure with { Tried = tried };
                    continue;
                }

                var ran = await ExecuteAsync(candidate, verdict!, source, intermediate, tried, clock, cancellationToken).ConfigureAwait(false);
                if (ran.Verdict != AskVerdict.Allowed)
                {
                    lastFailure = ran with { Tried = tried };
                    continue;
                }

                if (!intermediate)
                {
                    return ran with { Tried = tried };
                }

                // The values go into the context and the question is asked again; this is no repair.
                rounds++;
                var values = ran.Result!.Rows.Select(r => r.Count == 0 ? "" : Text(r[0])).Distinct(StringComparer.Ordinal).ToList();
                next = request with { Findings = [.. request.Findings, new IntermediateFinding(ran.Result.Sql, values)], PreviousAttempt = null };
                break;
            }

            if (next is not null)
            {
                request = next;
                continue;
            }

            if (lastFailure is null)
            {
                return new SearchOutcome
                {
                    Verdict = AskVerdict.Refused,
                    Candidate = refused,
                    Error = refusal ?? "The generator gave no candidate.",
                    Tried = tried,
                    ModelId = refused?.ModelId ?? generator.ModelId,
                };
            }

            if (repairs >= options.MaxRepairs)
            {
                return lastFailure;
            }

            repairs++;
            request = request with { PreviousAttempt = new FailedAttempt(lastFailure.Candidate!.Sql!, lastFailure.Error!) };
            lastFailure = null;
        }
    }

    private static string Text(object? value) => value switch
    {
        null => "NULL",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private async Task<IReadOnlyList<SqlCandidate>> GenerateAsync(ISqlGenerator generator, GenerationRequest request, StageClock clock, CancellationToken cancellationToken)
    {
        using var stage = clock.Start("generate");
        stage.Activity?.SetTag("gen_ai.request.model", generator.ModelId);
        stage.Activity?.SetTag("gateway.ask.repair", request.PreviousAttempt is not null);
        var candidates = await generator.GenerateAsync(request with { Candidates = options.Candidates }, cancellationToken).ConfigureAwait(false);
        if (candidates.Count == 0)
        {
            throw new GenerationException($"The generator {generator.ModelId} returned no candidate.");
        }

        await stage.EndAsync(new Dictionary<string, object?>
        {
            ["model_id"] = generator.ModelId,
            ["repair"] = request.PreviousAttempt is not null,
            ["findings"] = request.Findings.Count,
            ["candidates"] = candidates.Select(c => new Dictionary<string, object?> { ["kind"] = c.Kind.ToName(), ["sql"] = c.Sql, ["reason"] = c.Reason }).ToList(),
        }, cancellationToken).ConfigureAwait(false);
        return candidates;
    }

    private async Task<(Gateway.Sql.Validation.SqlVerdict? Verdict, SearchOutcome? Failure)> CheckAsync(
        SqlCandidate candidate, GenerationRequest request, List<TriedCandidate> tried, StageClock clock, CancellationToken cancellationToken)
    {
        using var stage = clock.Start("check");
        var verdict = runner.Check(candidate.Sql!, request.Dialect);
        stage.Activity?.SetTag("gateway.verdict", verdict.Allowed ? "allowed" : "rejected");
        await stage.EndAsync(new Dictionary<string, object?>
        {
            ["sql"] = candidate.Sql,
            ["kind"] = candidate.Kind.ToName(),
            ["verdict"] = verdict.Allowed ? "allowed" : "rejected",
            ["rule"] = verdict.Rule,
            ["message"] = verdict.Message,
        }, cancellationToken).ConfigureAwait(false);
        if (verdict.Allowed)
        {
            return (verdict, null);
        }

        var reason = $"Rejected by the gateway's policy (rule {verdict.Rule}): {verdict.Message}";
        tried.Add(new TriedCandidate(candidate.Kind.ToName(), candidate.Sql, "rejected", reason));
        return (null, new SearchOutcome { Verdict = AskVerdict.Rejected, Candidate = candidate, Error = reason, Rule = verdict.Rule, Tried = tried, ModelId = candidate.ModelId });
    }

    private async Task<SearchOutcome> ExecuteAsync(
        SqlCandidate candidate, Gateway.Sql.Validation.SqlVerdict verdict, SourceDescriptor source, bool intermediate,
        List<TriedCandidate> tried, StageClock clock, CancellationToken cancellationToken)
    {
        using var stage = clock.Start("execute");
        stage.Activity?.SetTag("db.system.name", source.Provider.ToString().ToLowerInvariant());
        try
        {
            var result = await runner.RunAsync(source, verdict, intermediate ? options.MaxIntermediateValues : null, cancellationToken).ConfigureAwait(false);
            stage.Activity?.SetTag("db.response.returned_rows", result.Rows.Count);
            await stage.EndAsync(new Dictionary<string, object?>
            {
                ["sql"] = result.Sql,
                ["kind"] = candidate.Kind.ToName(),
                ["row_count"] = result.Rows.Count,
                ["truncated"] = result.Truncated,
            }, cancellationToken).ConfigureAwait(false);
            tried.Add(new TriedCandidate(candidate.Kind.ToName(), candidate.Sql, intermediate ? "intermediate" : "ran", null));
            return new SearchOutcome { Verdict = AskVerdict.Allowed, Candidate = candidate, Result = result, Tried = tried, ModelId = candidate.ModelId };
        }
        catch (ExecutionException ex) when (ex.ErrorCode is not ExecutionErrorCode.Unavailable)
        {
            // The engine's message (unknown column, bad syntax, timeout) is what a repair needs; an unreachable source is not repairable.
            await stage.EndAsync(new Dictionary<string, object?>
            {
                ["sql"] = verdict.Sql,
                ["kind"] = candidate.Kind.ToName(),
                ["error"] = ex.Message,
                ["code"] = ex.ErrorCode.ToName(),
            }, cancellationToken).ConfigureAwait(false);
            tried.Add(new TriedCandidate(candidate.Kind.ToName(), candidate.Sql, "failed", ex.Message));
            return new SearchOutcome { Verdict = AskVerdict.Error, Candidate = candidate, Error = ex.Message, Tried = tried, ModelId = candidate.ModelId };
        }
    }
}
