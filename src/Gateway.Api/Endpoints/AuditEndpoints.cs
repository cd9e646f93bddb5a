using System.Globalization;
using System.Text.Json;
using Gateway.Api.Errors;
using Gateway.Api.Security;
using Gateway.Audit.Export;
using Gateway.Audit.Trail;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gateway.Api.Endpoints;

/// <summary>The audit trail for auditors: filtered, cursor-paged listing, one record, and streamed export.</summary>
internal static class AuditEndpoints
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    public static void Map(RouteGroupBuilder v1)
    {
        var audit = v1.MapGroup("/audit").RequireAuthorization(GatewayPolicies.Auditor);
        audit.MapGet("/", ListAsync).WithName("ListAudit")
            .WithSummary("Audit records, newest first. Filters: principal, source, verdict, rule, from, to (ISO 8601); paging: cursor, limit.");
        audit.MapGet("/{id:long}", GetAsync).WithName("GetAudit").WithSummary("One audit record by id.");
        audit.MapGet("/export", ExportAsync).WithName("ExportAudit")
            .WithSummary("Every matching record, oldest first, streamed as JSONL (format=jsonl) or CSV (format=csv).");
    }

    private static async Task ListAsync(HttpContext context, IAuditStore store)
    {
        var filter = Filter(context.Request.Query);
        var limit = Limit(context.Request.Query["limit"]);
        string? cursor = context.Request.Query["cursor"];
        AuditPage page;
        try
        {
            page = await store.QueryAsync(filter, cursor, limit, context.RequestAborted).ConfigureAwait(false);
        }
        catch (FormatException ex)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, GatewayErrorCodes.InvalidRequest, ex.Message);
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteStartArray("records");
        foreach (var record in page.Records)
        {
            AuditRecordJson.Write(writer, record);
        }

        writer.WriteEndArray();
        writer.WriteString("nextCursor", page.NextCursor);
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<IResult> GetAsync(long id, HttpContext context, IAuditStore store)
    {
        var record = await store.GetAsync(id, context.RequestAborted).ConfigureAwait(false);
        return record is null
            ? Problems.Result(context, StatusCodes.Status404NotFound, GatewayErrorCodes.AuditNotFound, $"No audit record has id {id}.")
            : Results.Text(AuditRecordJson.Serialize(record), "application/json; charset=utf-8");
    }

    private static async Task ExportAsync(HttpContext context, IAuditStore store)
    {
        string? formatName = context.Request.Query["format"];
        if (!AuditExportFormats.TryParse(formatName ?? "jsonl", out var format))
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, GatewayErrorCodes.InvalidRequest, "format must be jsonl or csv.");
        }

        var filter = Filter(context.Request.Query);
        context.Response.ContentType = format.ContentType();
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"audit.{(format == AuditExportFormat.Csv ? "csv" : "jsonl")}\"";
        await AuditExporter.WriteAsync(store.ReadAsync(filter, context.RequestAborted), format, context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    internal static AuditFilter Filter(IQueryCollection query)
    {
        AuditVerdict? verdict = null;
        if (NonEmpty(query["verdict"]) is { } verdictName)
        {
            verdict = AuditVerdictNames.TryParse(verdictName, out var parsed)
                ? parsed
                : throw new ApiProblemException(StatusCodes.Status400BadRequest, GatewayErrorCodes.InvalidRequest, "verdict must be allowed, rejected or error.");
        }

        return new AuditFilter
        {
            Principal = NonEmpty(query["principal"]),
            Source = NonEmpty(query["source"]),
            Rule = NonEmpty(query["rule"]),
            Verdict = verdict,
            From = Time(query["from"], "from"),
            To = Time(query["to"], "to"),
        };
    }

    private static int Limit(string? value)
    {
        if (value is null)
        {
            return DefaultLimit;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit
            ? limit
            : throw new ApiProblemException(StatusCodes.Status400BadRequest, GatewayErrorCodes.InvalidRequest, $"limit must be 1 to {MaxLimit}.");
    }

    private static DateTimeOffset? Time(string? value, string name)
    {
        if (NonEmpty(value) is not { } text)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new ApiProblemException(StatusCodes.Status400BadRequest, GatewayErrorCodes.InvalidRequest, $"{name} must be an ISO 8601 time.");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
