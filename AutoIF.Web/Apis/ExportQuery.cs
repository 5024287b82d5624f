using System.Globalization;
using AutoIF.Core.Export;

namespace AutoIF.Web.Apis;

/// <summary>An <see cref="ExportRequest"/> as URL query parameters, named like the CLI flags (<c>run</c>, <c>kind</c>, <c>min-judge-score</c> …).</summary>
public static class ExportQuery
{
    public static ExportRequest Parse(IQueryCollection query)
    {
        string? One(string name) => query.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.ToString() : null;
        bool Flag(string name) => One(name) is { } v && (v == "1" || v.Equals("true", StringComparison.OrdinalIgnoreCase));
        T? Number<T>(string name) where T : struct, IParsable<T> =>
            One(name) is { } v ? T.TryParse(v, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"'{name}' must be a number, got '{v}'.") : null;
        TEnum? Choice<TEnum>(string name) where TEnum : struct, Enum =>
            One(name) is { } v ? Enum.TryParse<TEnum>(v.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var e) ? e
                : throw new ArgumentException($"'{name}' must be one of {string.Join(", ", Enum.GetNames<TEnum>()).ToLowerInvariant()}, got '{v}'.") : null;

        var runs = query["run"].Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r!).ToList();
        if (runs.Count == 0)
        {
            throw new ArgumentException("Name at least one run ('run=NAME').");
        }
        return new ExportRequest
        {
            Runs = runs,
            Kind = DatasetWriterRegistry.ParseKind(One("kind") ?? throw new ArgumentException("'kind' is required: sft, dpo or scores.")),
            Format = One("format") ?? throw new ArgumentException("'format' is required."),
            Container = Choice<ExportContainer>("container"),
            Metadata = Flag("metadata"),
            Conversational = Flag("conversational"),
            Layout = Choice<LlamaFactoryLayout>("layout") ?? LlamaFactoryLayout.Alpaca,
            System = One("system"),
            MinJudgeScore = Number<int>("min-judge-score"),
            MinAccuracy = Number<double>("min-accuracy"),
            ApprovedOnly = Flag("approved-only"),
            IncludeRejected = Flag("include-rejected"),
            PairLevel = Choice<PairLevelFilter>("pair-level") ?? PairLevelFilter.Both,
            Round = Number<int>("round"),
            DedupPrompts = Flag("dedup-prompts"),
            MaxPerInstruction = Number<int>("max-per-instruction"),
            ValidationSplit = Number<double>("validation-split") ?? 0,
            Seed = Number<int>("seed") ?? 42,
            Split = Choice<DatasetSplit>("split") ?? DatasetSplit.Train,
        };
    }

    /// <summary>The query string for <paramref name="request"/>, the inverse of <see cref="Parse"/>.</summary>
    public static string ToQueryString(ExportRequest request)
    {
        var parts = request.Runs.Select(r => ("run", r)).ToList();
        void Add(string name, object? value)
        {
            if (value is not null && value is not false)
            {
                parts.Add((name, value is true ? "true" : Convert.ToString(value, CultureInfo.InvariantCulture)!.ToLowerInvariant()));
            }
        }
        Add("kind", DatasetWriterRegistry.KindName(request.Kind));
        Add("format", request.Format);
        Add("container", request.Container);
        Add("metadata", request.Metadata);
        Add("conversational", request.Conversational);
        Add("layout", request.Layout == LlamaFactoryLayout.Alpaca ? null : request.Layout);
        Add("min-judge-score", request.MinJudgeScore);
        Add("min-accuracy", request.MinAccuracy);
        Add("approved-only", request.ApprovedOnly);
        Add("include-rejected", request.IncludeRejected);
        Add("pair-level", request.PairLevel == PairLevelFilter.Both ? null : request.PairLevel);
        Add("round", request.Round);
        Add("dedup-prompts", request.DedupPrompts);
        Add("max-per-instruction", request.MaxPerInstruction);
        Add("validation-split", request.ValidationSplit == 0 ? null : request.ValidationSplit);
        Add("seed", request.Seed == 42 ? null : request.Seed);
        Add("split", request.Split == DatasetSplit.Train ? null : request.Split);
        var query = string.Join("&", parts.Select(p => $"{Uri.EscapeDataString(p.Item1)}={Uri.EscapeDataString(p.Item2)}"));
        return request.System is null ? query : query + "&system=" + Uri.EscapeDataString(request.System);
    }
}
