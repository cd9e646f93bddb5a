namespace Gateway.Evaluation.Spider.Data;

/// <summary>One benchmark row: the question, its gold SQL and its database, with its position in the split file.</summary>
public sealed record SpiderQuestion(int Index, string DbId, string Question, string GoldSql);
