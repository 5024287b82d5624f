namespace AutoIF.Core.Import;

/// <summary>The import format names that scripts, docs and users rely on (README lists them): renaming one breaks their command lines.</summary>
public static class ImportFormats
{
    public const string EvalFunc = "autoif-eval-func";
    public const string BackTrans = "autoif-back-trans";
    public const string QueryRft = "autoif-query-rft";
    public const string DpoQuery = "autoif-dpo-query";
    public const string QueriesShareGpt = "queries-sharegpt";
    public const string QueriesText = "queries-text";
    public const string QueriesCsv = "queries-csv";
    public const string QueriesJsonl = "queries-jsonl";
    public const string QueriesParquet = "queries-parquet";

    public static IReadOnlyList<ImportFormatInfo> All { get; } =
    [
        new(EvalFunc, "Reference eval_func_rft.jsonl: instructions with raw verifier answers; enters before Compile and Cross-validate.", false),
        new(BackTrans, "Reference back_trans.jsonl: cross-validated functions, cases and back-translations; enters before Consistency.", false),
        new(QueryRft, "Reference query_rft.jsonl: composed prompts with functions, cases and responses; enters before Verify.", false),
        new(DpoQuery, "Reference dpo_query_w_funcs.jsonl: prompts with functions and responses; enters before Verify.", false),
        new(QueriesShareGpt, "Query pool from ShareGPT JSON or JSONL: the first human/user turn of each conversation.", true),
        new(QueriesText, "Query pool from plain text: one query per line.", true),
        new(QueriesCsv, "Query pool from CSV with a header: one column (default \"query\").", true),
        new(QueriesJsonl, "Query pool from JSON Lines: one string field of each record (default \"query\").", true),
        new(QueriesParquet, "Query pool from Parquet (e.g. a Hugging Face dataset file): one text column (default \"query\").", true),
    ];

    public static ImportFormatInfo? Find(string name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
