namespace AutoIF.Core.Verifiers;

/// <summary>
/// The versions of one verifier, first to last: a chain through <see cref="Verifier.PreviousVersionId"/>. An edit always
/// follows the last version, so the chain does not branch; its last link is the current version.
/// </summary>
public sealed record VerifierLineage(IReadOnlyList<Verifier> Versions)
{
    public Verifier First => Versions[0];

    public Verifier Current => Versions[^1];

    /// <summary>The lineage of <paramref name="verifierId"/> among <paramref name="ofInstruction"/> (every version of its instruction).</summary>
    public static VerifierLineage Of(IReadOnlyCollection<Verifier> ofInstruction, int verifierId)
    {
        ArgumentNullException.ThrowIfNull(ofInstruction);
        var byId = ofInstruction.ToDictionary(v => v.Id);
        var first = byId[verifierId];
        while (first.PreviousVersionId is { } previous && byId.TryGetValue(previous, out var before))
        {
            first = before;
        }
        var next = ofInstruction.Where(v => v.PreviousVersionId is not null).ToDictionary(v => v.PreviousVersionId!.Value);
        var versions = new List<Verifier> { first };
        while (next.TryGetValue(versions[^1].Id, out var after))
        {
            versions.Add(after);
        }
        return new VerifierLineage(versions);
    }

    /// <summary>For every verifier of <paramref name="verifiers"/>: the id of its lineage's first version.</summary>
    public static Dictionary<int, int> FirstVersions(IEnumerable<(int Id, int? PreviousVersionId)> verifiers)
    {
        var previous = verifiers.ToDictionary(v => v.Id, v => v.PreviousVersionId);
        var first = new Dictionary<int, int>();
        foreach (var id in previous.Keys)
        {
            var at = id;
            while (previous.GetValueOrDefault(at) is { } before && previous.ContainsKey(before))
            {
                at = before;
            }
            first[id] = at;
        }
        return first;
    }
}
