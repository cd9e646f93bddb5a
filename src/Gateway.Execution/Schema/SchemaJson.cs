using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Execution.Schema;

/// <summary>The schema model's JSON form: snake_case names, nulls omitted, readable text.</summary>
public static class SchemaJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    public static string Serialize(SchemaModel model) => JsonSerializer.Serialize(model, Options);

    public static SchemaModel Deserialize(string json) =>
        JsonSerializer.Deserialize<SchemaModel>(json, Options) ?? throw new JsonException("The schema JSON is empty.");
}
