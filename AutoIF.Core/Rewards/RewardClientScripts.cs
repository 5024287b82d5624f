namespace AutoIF.Core.Rewards;

/// <summary>
/// The standard-library Python clients of the reward service, shipped as resources so an RL bundle can add them as
/// <c>reward/NAME</c>: <c>autoif_reward.py</c> (verl's <c>compute_score</c>, TRL's <c>trl_reward</c>) and
/// <c>openrlhf_reward.py</c> (OpenRLHF's <c>reward_func</c>) and <c>open_instruct_autoif.py</c> (open-instruct's verifier for
/// rows whose dataset is <c>autoif</c>).
/// </summary>
public static class RewardClientScripts
{
    public const string AutoIf = "autoif_reward.py";
    public const string OpenRlhf = "openrlhf_reward.py";
    public const string OpenInstruct = "open_instruct_autoif.py";

    public static IReadOnlyList<string> Names { get; } = [AutoIf, OpenRlhf, OpenInstruct];

    /// <summary>The file's text; <see cref="ArgumentException"/> for a name not in <see cref="Names"/>.</summary>
    public static string Read(string name)
    {
        if (!Names.Contains(name))
        {
            throw new ArgumentException($"'{name}' is not a reward client script; they are {string.Join(", ", Names)}", nameof(name));
        }
        using var stream = typeof(RewardClientScripts).Assembly.GetManifestResourceStream("AutoIF.Core.Rewards.Python." + name)
            ?? throw new InvalidOperationException($"The resource of {name} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
