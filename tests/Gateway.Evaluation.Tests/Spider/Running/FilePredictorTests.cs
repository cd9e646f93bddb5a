using Gateway.Evaluation.Spider.Data;
using Gateway.Evaluation.Spider.Running;

namespace Gateway.Evaluation.Tests.Spider.Running;

public sealed class FilePredictorTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"gateway-preds-{Guid.NewGuid():N}.txt");
    private static readonly SpiderSchema Schema = new("db", [], [], [], []);

    public void Dispose() => File.Delete(_path);

    private static SpiderQuestion Question(int index) => new(index, "db", "q", "SELECT 1");

    [Fact]
    public async Task Reads_one_prediction_per_line_in_question_order_ignoring_a_tab_suffix()
    {
        await File.WriteAllTextAsync(_path, "SELECT a FROM t\tdb\nSELECT b FROM t\n\n");

        var predictor = await FilePredictor.LoadAsync(_path);

        Assert.Equal(2, predictor.Count);
        Assert.Equal("SELECT a FROM t", await predictor.PredictAsync(Question(0), Schema, default));
        Assert.Equal("SELECT b FROM t", await predictor.PredictAsync(Question(1), Schema, default));
    }

    [Fact]
    public async Task Reads_json_lines_by_index()
    {
        await File.WriteAllTextAsync(_path, "{\"index\": 5, \"predicted\": \"SELECT x FROM t\"}\n{\"index\": 2, \"predicted\": \"SELECT y FROM t\"}\n");

        var predictor = await FilePredictor.LoadAsync(_path);

        Assert.Equal("SELECT x FROM t", await predictor.PredictAsync(Question(5), Schema, default));
        Assert.False(predictor.Covers(Question(0)));
    }

    [Fact]
    public async Task Rejects_a_json_line_without_its_fields()
    {
        await File.WriteAllTextAsync(_path, "{\"index\": 1}\n");

        await Assert.ThrowsAsync<SpiderDataException>(() => FilePredictor.LoadAsync(_path));
    }
}
