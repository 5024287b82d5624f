using AutoIF.Core.Domain;
using AutoIF.Core.Storage;

namespace AutoIF.Tests.Export;

/// <summary>A run with one kept response a reasoning model wrote, stored as the sampler stores it (answer and reasoning apart).</summary>
internal static class ReasoningRun
{
    public const string Name = "reasoning-run";
    public const string Answer = "Maple leaves blaze red.";
    public const string Reasoning = "Autumn in Kyoto means maples.";
    public const string WithReasoning = "<think>\n" + Reasoning + "\n</think>\n\n" + Answer;

    /// <returns>The instruction's id.</returns>
    public static async Task<int> SeedAsync(AutoIfDbContext db)
    {
        var run = new Run { Name = Name, Settings = new RunSettings() };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        var instruction = new Instruction { RunId = run.Id, Text = "Answer in fewer than 20 words.", TextHash = TextHash.Normalized("Answer in fewer than 20 words."), Status = ItemStatus.Kept };
        db.Instructions.Add(instruction);
        await db.SaveChangesAsync();
        var prompt = new ComposedPrompt { RunId = run.Id, InstructionId = instruction.Id, Text = "Describe autumn in Kyoto. Answer in fewer than 20 words." };
        db.ComposedPrompts.Add(prompt);
        await db.SaveChangesAsync();
        db.Responses.Add(new Response
        {
            RunId = run.Id, PromptId = prompt.Id, InstructionId = instruction.Id, Text = Answer, Reasoning = Reasoning, TextHash = TextHash.Exact(Answer),
            Accuracy = 1, JudgeScore = 9, Status = ItemStatus.Kept,
        });
        await db.SaveChangesAsync();
        return instruction.Id;
    }
}
