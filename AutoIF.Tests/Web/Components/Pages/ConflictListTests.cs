using AutoIF.Core.Domain;
using AutoIF.Tests.Reports;
using AutoIF.Web.Components.Pages.Instructions;
using Bunit;

namespace AutoIF.Tests.Web.Components.Pages;

public class ConflictListTests : ReviewPageTestContext
{
    [Fact]
    public async Task Lists_each_conflicting_instruction_linked_with_its_reason_and_leaves_out_compatible_pairs()
    {
        var data = await SeedAsync();
        await using (var db = Db.CreateContext())
        {
            // Pairs are stored lower id first; the kept instruction is on either side.
            int[] pair(int a, int b) => [Math.Min(a, b), Math.Max(a, b)];
            var withLetter = pair(data.KeptInstructionId, data.CrossValidateDroppedInstructionId);
            var withPs = pair(data.KeptInstructionId, data.ConsistencyDroppedInstructionId);
            db.ConstraintCompatibilities.AddRange(
                new ConstraintCompatibility { RunId = data.RunId, FirstInstructionId = withLetter[0], SecondInstructionId = withLetter[1], Compatible = false, Evidence = CompatibilityEvidence.Model, Reason = "the model answered no: one forbids the letter the other needs" },
                new ConstraintCompatibility { RunId = data.RunId, FirstInstructionId = withPs[0], SecondInstructionId = withPs[1], Compatible = true, Evidence = CompatibilityEvidence.Data, Reason = "a stored case passes both" });
            await db.SaveChangesAsync();
        }

        var list = Render<ConflictList>(p => p.Add(x => x.InstructionId, data.KeptInstructionId));

        list.WaitForAssertion(() => Assert.Single(list.FindAll("[data-testid=conflict]")));
        Assert.Contains("Conflicting instructions (1)", list.Markup, StringComparison.Ordinal);
        var row = list.Find("[data-testid=conflict]");
        Assert.Equal($"/instructions/{data.CrossValidateDroppedInstructionId}", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains(ReviewDataSeeder.LetterText, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("the model answered no: one forbids the letter the other needs", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(ReviewDataSeeder.PsText, list.Markup, StringComparison.Ordinal);
    }
}
