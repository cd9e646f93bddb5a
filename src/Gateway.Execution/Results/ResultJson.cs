using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gateway.Execution.Results;

/// <summary>
/// Writer settings for results: text is kept readable ('+', 'é' and '東' stay as they are) because results go to
/// terminals and JSON clients, never into HTML.
/// </summary>
public static class ResultJson
{
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonWriterOptions IndentedWriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };
}
