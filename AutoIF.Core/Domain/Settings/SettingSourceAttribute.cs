namespace AutoIF.Core.Domain.Settings;

/// <summary>
/// Where a run setting's default comes from in each profile, shown beside it on the Runs page and in README: a section
/// of the paper, a file and line of the published scripts, or "ours" where neither fixes it.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingSourceAttribute(string paper, string scripts) : Attribute
{
    public string Paper { get; } = paper;

    public string Scripts { get; } = scripts;
}
