using System.Text.Json;
using Gateway.Api.Errors;
using Gateway.Api.Models;

namespace Gateway.Api.Tests.Models;

public sealed class ChatCompletionRequestReaderTests
{
    private static ChatCompletionSpec Read(string json) =>
        ChatCompletionRequestReader.Read(JsonSerializer.Deserialize<ChatCompletionRequest>(json)!);

    private static string ParamOf(string json) =>
        (string)Assert.Throws<ApiProblemException>(() => Read(json)).Extensions[OpenAiErrors.ParamExtension]!;

    [Fact]
    public void Text_parts_are_joined_and_developer_is_read_as_system()
    {
        var spec = Read("""{"model":"m","messages":[{"role":"developer","content":"Be brief."},{"role":"user","content":[{"type":"text","text":"Top "},{"type":"text","text":"region?"}]}]}""");

        Assert.Equal([new ChatMessage("system", "Be brief."), new ChatMessage("user", "Top region?")], spec.Messages);
    }

    [Fact]
    public void Stop_may_be_one_string_or_a_list()
    {
        Assert.Equal([";"], Read("""{"model":"m","messages":[{"role":"user","content":"q"}],"stop":";"}""").Stop);
        Assert.Equal([";", "\n\n"], Read("""{"model":"m","messages":[{"role":"user","content":"q"}],"stop":[";","\n\n"]}""").Stop);
    }

    [Fact]
    public void Max_completion_tokens_is_read_like_max_tokens()
    {
        Assert.Equal(7, Read("""{"model":"m","messages":[{"role":"user","content":"q"}],"max_completion_tokens":7}""").MaxTokens);
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"q"}]}""", "model")]
    [InlineData("""{"model":"m","messages":[]}""", "messages")]
    [InlineData("""{"model":"m","messages":[{"role":"tool","content":"q"}]}""", "messages[0].role")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"x"}}]}]}""", "messages[0].content")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"q"}],"max_tokens":5,"max_completion_tokens":6}""", "max_tokens")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"q"}],"temperature":3}""", "temperature")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"q"}],"top_p":0}""", "top_p")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"q"}],"n":9}""", "n")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"q"}],"stop":["a","b","c","d","e"]}""", "stop")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"q"}],"response_format":{"type":"json_object"}}""", "response_format")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"q"}],"stream_options":{"include_obfuscation":true}}""", "stream_options.include_obfuscation")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"q","tool_calls":[{"id":"1"}]}]}""", "messages[0].tool_calls")]
    public void Bad_or_unsupported_member_is_named(string json, string param)
    {
        Assert.Equal(param, ParamOf(json));
    }
}
