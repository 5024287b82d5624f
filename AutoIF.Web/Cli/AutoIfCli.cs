namespace AutoIF.Web.Cli;

/// <summary>The headless verbs of DESIGN.md §10. They share the app's services and code paths.</summary>
public static class AutoIfCli
{
    private static readonly string[] Verbs = ["run", "seeds", "import", "verify", "export"];

    public static bool IsCliInvocation(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine($"autoif: the '{args[0]}' verb is not available yet.");
        return Task.FromResult(2);
    }
}
