using System.Net;
using Gateway.Generation;
using Gateway.Generation.Pointer;
using Gateway.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Api.Tests.Ask;

/// <summary><c>POST /v1/ask</c> over real HTTP with the pointer model as generator <c>default</c> (a tiny untrained one the test writes).</summary>
public sealed class DefaultModelAskTests
{
    [Fact]
    public async Task A_data_question_on_the_demo_source_is_answered_by_the_default_model_and_audited()
    {
        using var model = TinyPointerModel.Create(version: "tiny-api");
        await using var server = await GatewayServer.StartAsync(services: services => services.AddSingleton(_ => new SqlGeneratorCatalog(
            new Dictionary<string, ISqlGenerator> { [PointerSqlGenerator.DefaultName] = new PointerSqlGenerator(new PointerGeneratorOptions { ModelDirectory = model.Directory }) })));

        using var response = await server.AskAsync(new { source = "demo", question = "how many customers are there?" });
        var json = await GatewayServer.JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("data", json.GetProperty("route").GetString());
        Assert.Equal("default:tiny-api", json.GetProperty("model_id").GetString());
        var record = await server.Audit.GetAsync(json.GetProperty("audit_id").GetInt64());
        Assert.NotNull(record);
        Assert.Equal("default:tiny-api", record.ModelId);
        Assert.Equal("how many customers are there?", record.Question);
    }
}
