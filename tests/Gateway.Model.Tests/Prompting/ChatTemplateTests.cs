using Gateway.Model.Prompting;

namespace Gateway.Model.Tests.Prompting;

public sealed class ChatTemplateTests
{
    // In the shape of Qwen2's template: a default system turn unless the first message is one, ChatML turns, an
    // optional tool section with tojson, loop.index0 look-behind, the generation prompt at the end.
    private const string Qwen2Shaped = """
        {%- if tools %}
            {{- '<|im_start|>system\n' }}
            {%- if messages[0]['role'] == 'system' %}
                {{- messages[0]['content'] }}
            {%- else %}
                {{- 'You are a helpful assistant.' }}
            {%- endif %}
            {{- "\n\n# Tools\n<tools>" }}
            {%- for tool in tools %}
                {{- "\n" }}
                {{- tool | tojson }}
            {%- endfor %}
            {{- "\n</tools><|im_end|>\n" }}
        {%- else %}
            {%- if messages[0]['role'] == 'system' %}
                {{- '<|im_start|>system\n' + messages[0]['content'] + '<|im_end|>\n' }}
            {%- else %}
                {{- '<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n' }}
            {%- endif %}
        {%- endif %}
        {%- for message in messages %}
            {%- if (message.role == "user") or (message.role == "system" and not loop.first) or (message.role == "assistant" and not message.tool_calls) %}
                {{- '<|im_start|>' + message.role + '\n' + message.content + '<|im_end|>' + '\n' }}
            {%- elif message.role == "tool" %}
                {%- if (loop.index0 == 0) or (messages[loop.index0 - 1].role != "tool") %}
                    {{- '<|im_start|>user' }}
                {%- endif %}
                {{- '\n<tool_response>\n' }}
                {{- message.content }}
                {{- '\n</tool_response>' }}
                {%- if loop.last or (messages[loop.index0 + 1].role != "tool") %}
                    {{- '<|im_end|>\n' }}
                {%- endif %}
            {%- endif %}
        {%- endfor %}
        {%- if add_generation_prompt %}
            {{- '<|im_start|>assistant\n' }}
        {%- endif %}

        """;

    // In the shape of Llama 3's: bos on the first turn, header tokens, content trimmed, set inside the loop.
    private const string Llama3Shaped =
        "{% set loop_messages = messages %}{% for message in loop_messages %}{% set content = '<|start_header_id|>' + message['role'] + "
        + "'<|end_header_id|>\n\n'+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 %}{% set content = bos_token + content %}"
        + "{% endif %}{{ content }}{% endfor %}{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}";

    [Fact]
    public void Qwen2_shaped_template_renders_chatml_with_a_default_system_turn()
    {
        var template = ChatTemplate.Parse(Qwen2Shaped);

        var prompt = template.Render([new ChatTurn("user", "How many singers?")]);

        Assert.Equal(
            "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nHow many singers?<|im_end|>\n<|im_start|>assistant\n",
            prompt);
    }

    [Fact]
    public void Qwen2_shaped_template_keeps_a_given_system_turn_and_the_history()
    {
        var template = ChatTemplate.Parse(Qwen2Shaped);

        var prompt = template.Render(
            [new ChatTurn("system", "Write SQLite."), new ChatTurn("user", "a?"), new ChatTurn("assistant", "SELECT 1"), new ChatTurn("user", "b?")],
            addGenerationPrompt: false);

        Assert.Equal(
            "<|im_start|>system\nWrite SQLite.<|im_end|>\n<|im_start|>user\na?<|im_end|>\n<|im_start|>assistant\nSELECT 1<|im_end|>\n<|im_start|>user\nb?<|im_end|>\n",
            prompt);
    }

    [Fact]
    public void Qwen2_shaped_template_writes_tools_as_json_and_groups_tool_responses()
    {
        var template = ChatTemplate.Parse(Qwen2Shaped);
        var tool = new Dictionary<string, object?> { ["name"] = "run_sql", ["parameters"] = new Dictionary<string, object?> { ["sql"] = "string" } };

        var prompt = template.Render(
            [new ChatTurn("user", "q"), new ChatTurn("tool", "3"), new ChatTurn("tool", "4")],
            variables: new Dictionary<string, object?> { ["tools"] = new List<object?> { tool } });

        Assert.Equal(
            "<|im_start|>system\nYou are a helpful assistant.\n\n# Tools\n<tools>\n{\"name\": \"run_sql\", \"parameters\": {\"sql\": \"string\"}}\n</tools><|im_end|>\n"
            + "<|im_start|>user\nq<|im_end|>\n<|im_start|>user\n<tool_response>\n3\n</tool_response>\n<tool_response>\n4\n</tool_response><|im_end|>\n"
            + "<|im_start|>assistant\n",
            prompt);
    }

    [Fact]
    public void Llama3_shaped_template_puts_bos_first_and_trims_content()
    {
        var template = ChatTemplate.Parse(Llama3Shaped, bosToken: "<|begin_of_text|>");

        var prompt = template.Render([new ChatTurn("system", "  Be brief. "), new ChatTurn("user", "List singers\n")]);

        Assert.Equal(
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
            + "<|start_header_id|>user<|end_header_id|>\n\nList singers<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
            prompt);
    }

    [Fact]
    public void Trim_blocks_and_lstrip_blocks_apply_as_in_hugging_face()
    {
        var template = ChatTemplate.Parse("{% for m in messages %}\n    {% if m.role == 'user' %}\n[{{ m.content }}]\n    {% endif %}\n{% endfor %}");

        Assert.Equal("[a]\n[c]\n", template.Render([new ChatTurn("user", "a"), new ChatTurn("assistant", "b"), new ChatTurn("user", "c")]));
    }

    [Fact]
    public void Namespace_carries_a_value_out_of_a_loop_while_a_plain_set_does_not()
    {
        var template = ChatTemplate.Parse(
            "{% set ns = namespace(found=false) %}{% set plain = 'no' %}{% for m in messages %}{% if m.role == 'system' %}{% set ns.found = true %}{% set plain = 'yes' %}{% endif %}{% endfor %}{{ ns.found }} {{ plain }}");

        Assert.Equal("True no", template.Render([new ChatTurn("system", "s"), new ChatTurn("user", "u")]));
    }

    [Fact]
    public void Expressions_cover_slices_filters_tests_methods_and_conditionals()
    {
        var template = ChatTemplate.Parse(
            "{{ messages[1:] | map(attribute='role') | join(',') }}|{{ messages[-1].content.strip().upper() }}|{{ (messages | length) ~ '' }}|"
            + "{{ 'yes' if messages[0].get('missing') is none else 'no' }}|{{ undefined_thing is defined }}|{{ messages | selectattr('role', 'equalto', 'user') | list | length }}|"
            + "{{ '%d' if 7 // 2 == 3 and 7 % 2 == 1 else 'x' }}|{% for i in range(3) %}{{ loop.revindex }}{% if loop.last %}{% break %}{% endif %}{% endfor %}");

        var text = template.Render([new ChatTurn("system", "s"), new ChatTurn("user", "u"), new ChatTurn("user", " last ")]);

        Assert.Equal("user,user|LAST|3|yes|False|2|%d|321", text);
    }

    [Theory]
    [InlineData("{% macro greet(x) %}hi{% endmacro %}", "'{% macro %}'")]
    [InlineData("{% include 'other.jinja' %}", "'{% include %}'")]
    [InlineData("text\n{{ messages | wordcount }}", "filter 'wordcount'")]
    [InlineData("{% set x %}block{% endset %}", "block set")]
    [InlineData("{% if messages %}open", "'{% endif %}'")]
    [InlineData("{{ 2 ** 3 }}", "'**'")]
    public void Unsupported_or_malformed_constructs_are_named(string source, string named)
    {
        var error = Assert.Throws<ChatTemplateException>(() => ChatTemplate.Parse(source));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Contains("line ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Raise_exception_becomes_an_error_with_the_templates_message()
    {
        var template = ChatTemplate.Parse("{% if messages[0].role != 'user' %}{{ raise_exception('Conversation must start with a user turn') }}{% endif %}");

        var error = Assert.Throws<ChatTemplateException>(() => template.Render([new ChatTurn("assistant", "x")]));

        Assert.Contains("must start with a user turn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tokenizer_config_supplies_the_template_and_its_special_tokens()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("tokenizer_config.json"), System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["bos_token"] = new Dictionary<string, object> { ["content"] = "<|begin_of_text|>", ["special"] = true },
            ["eos_token"] = "<|eot_id|>",
            ["chat_template"] = Llama3Shaped,
        }));

        var template = ChatTemplate.Load(dir.Path)!;

        Assert.Equal("<|eot_id|>", template.EosToken);
        Assert.StartsWith("<|begin_of_text|><|start_header_id|>user", template.Render([new ChatTurn("user", "hi")]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_a_chat_template_has_none()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("tokenizer_config.json"), "{\"eos_token\": \"</s>\"}");

        Assert.Null(ChatTemplate.Load(dir.Path));
    }
}
