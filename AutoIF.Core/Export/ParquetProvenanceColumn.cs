using AutoIF.Core.Domain;
using Parquet;
using Parquet.Schema;

namespace AutoIF.Core.Export;

/// <summary>The optional <c>metadata</c> struct: the row's <see cref="Provenance"/> with the same keys as the JSON writers use.</summary>
internal sealed class ParquetProvenanceColumn<TRow> : ParquetColumn<TRow>
{
    private readonly Func<TRow, Provenance> _provenance;
    private readonly DataField<string> _run = new(ProvenanceJson.Run);
    private readonly DataField<int?> _instructionId = new(ProvenanceJson.InstructionId);
    private readonly DataField<int> _verifierId = new(ListField.ElementName);
    private readonly DataField<double?> _accuracy = new(ProvenanceJson.Accuracy);
    private readonly DataField<double?> _judgeScore = new(ProvenanceJson.JudgeScore);
    private readonly DataField<bool?> _isDemo = new(ProvenanceJson.IsDemo);
    private readonly DataField<int?> _round = new(ProvenanceJson.Round);
    private readonly DataField<string> _level = new(ProvenanceJson.Level);
    private readonly DataField<long?> _sourceId = new(ProvenanceJson.SourceId);
    private readonly DataField<double?> _rejectedAccuracy = new(ProvenanceJson.RejectedAccuracy);
    private readonly DataField<string> _sourcePrompt = new(ProvenanceJson.SourcePrompt);

    public ParquetProvenanceColumn(Func<TRow, Provenance> provenance)
    {
        _provenance = provenance;
        Field = new StructField(
            ProvenanceJson.PropertyName,
            _run,
            _instructionId,
            new ListField(ProvenanceJson.VerifierIds, _verifierId),
            _accuracy,
            _judgeScore,
            _isDemo,
            _round,
            _level,
            _sourceId,
            _rejectedAccuracy,
            _sourcePrompt);
    }

    public override Field Field { get; }

    public override async Task WriteAsync(ParquetRowGroupWriter rowGroup, IReadOnlyList<TRow> rows, CancellationToken cancellationToken)
    {
        var all = new Provenance[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            all[i] = _provenance(rows[i]);
        }
        await rowGroup.WriteAsync(_run, all.Select(p => p.RunName).ToArray(), null);
        await rowGroup.WriteAsync<int>(_instructionId, all.Select(p => (int?)p.InstructionId).ToArray(), null, null, cancellationToken);
        await WriteVerifierIdsAsync(rowGroup, all, cancellationToken);
        await rowGroup.WriteAsync<double>(_accuracy, all.Select(p => p.Accuracy).ToArray(), null, null, cancellationToken);
        await rowGroup.WriteAsync<double>(_judgeScore, all.Select(p => p.JudgeScore).ToArray(), null, null, cancellationToken);
        await rowGroup.WriteAsync<bool>(_isDemo, all.Select(p => (bool?)p.IsDemo).ToArray(), null, null, cancellationToken);
        await rowGroup.WriteAsync<int>(_round, all.Select(p => (int?)p.Round).ToArray(), null, null, cancellationToken);
        await rowGroup.WriteAsync(_level, all.Select(p => ProvenanceJson.LevelName(p.Level)).ToArray()!, null);
        await rowGroup.WriteAsync<long>(_sourceId, all.Select(p => (long?)p.SourceId).ToArray(), null, null, cancellationToken);
        await rowGroup.WriteAsync<double>(_rejectedAccuracy, all.Select(p => p.RejectedAccuracy).ToArray(), null, null, cancellationToken);
        await rowGroup.WriteAsync(_sourcePrompt, all.Select(p => p.SourcePrompt).ToArray()!, null);
    }

    private Task WriteVerifierIdsAsync(ParquetRowGroupWriter rowGroup, Provenance[] all, CancellationToken cancellationToken)
    {
        // An empty list must be told apart from a present element, so definition levels are written by hand:
        // max = element present; max - 1 = list present but empty (the element itself is required).
        var present = _verifierId.MaxDefinitionLevel;
        var values = new List<int>();
        var definition = new List<int>();
        var repetition = new List<int>();
        foreach (var provenance in all)
        {
            if (provenance.VerifierIds.Count == 0)
            {
                definition.Add(present - 1);
                repetition.Add(0);
                continue;
            }
            for (var i = 0; i < provenance.VerifierIds.Count; i++)
            {
                values.Add(provenance.VerifierIds[i]);
                definition.Add(present);
                repetition.Add(i == 0 ? 0 : 1);
            }
        }
        return rowGroup.WriteAllPartsAsync<int>(_verifierId, values.ToArray(), definition.ToArray(), repetition.ToArray(), cancellationToken);
    }
}
