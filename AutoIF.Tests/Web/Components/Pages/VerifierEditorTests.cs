using AutoIF.Core.Domain;
using AutoIF.Tests.Reports;
using AutoIF.Web.Components.Pages.Instructions;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Web.Components.Pages;

/// <summary>The instruction page's in-place verifier editor, on a real database and the real sandbox.</summary>
public class VerifierEditorTests : ReviewPageTestContext
{
    private const string Stricter = "def evaluate(response):\n    return len(response.split()) < 3\n";

    [Fact]
    public async Task A_draft_is_tried_on_the_instructions_cases_and_typed_text_and_saved_as_the_next_version_with_its_note()
    {
        var data = await SeedAsync();
        var page = Open<InstructionPage>(p => p.Add(x => x.Id, data.KeptInstructionId));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=edit-verifier]")));
        int verifierId;
        await using (var db = Db.CreateContext())
        {
            verifierId = await db.Verifiers.Where(v => v.InstructionId == data.KeptInstructionId && v.Source == ReviewDataSeeder.GoodSource).Select(v => v.Id).SingleAsync();
        }
        var panel = page.FindAll("[data-testid=verifier]").Single(p => p.TextContent.Contains($"Verifier #{verifierId}", StringComparison.Ordinal));
        var editButton = panel.QuerySelector("[data-testid=edit-verifier]")!;

        await page.InvokeAsync(() => editButton.Click());
        await page.InvokeAsync(() => page.Find("textarea[data-testid=draft], [data-testid=draft] textarea").Change(Stricter));
        await page.InvokeAsync(() => page.Find("textarea[data-testid=try-text], [data-testid=try-text] textarea").Change("one two three four"));
        await page.InvokeAsync(() => page.Find("[data-testid=try]").Click());

        page.WaitForAssertion(() => Assert.Contains("false", page.Find("[data-testid=try-typed]").TextContent, StringComparison.OrdinalIgnoreCase), TimeSpan.FromSeconds(30));
        Assert.Equal(2, page.FindAll("[data-testid=try-case]").Count);
        await page.InvokeAsync(() => page.Find("input[data-testid=note], [data-testid=note] input").Change("three words at most"));
        await page.InvokeAsync(() => page.Find("[data-testid=save]").Click());

        page.WaitForAssertion(() => Assert.Contains("Saved as version 2", page.Find("[data-testid=editor-saved]").TextContent, StringComparison.Ordinal));
        await using var check = Db.CreateContext();
        var saved = await check.Verifiers.SingleAsync(v => v.PreviousVersionId == verifierId);
        Assert.Equal((2, Stricter, "three words at most"), (saved.Version, saved.Source, saved.Note));
        Assert.Equal("replaced by version 2", (await check.Verifiers.SingleAsync(v => v.Id == verifierId)).DropReason);
        // On the run's audit list under the signed-in user (bunit's "reviewer"), with the version and its note.
        var entry = Assert.Single(await check.AuditEntries.Where(e => e.RunId == data.RunId && e.Action != "review").ToListAsync());
        Assert.Equal(("reviewer", "verifier-edit", $"verifier #{saved.Id} v2 of instruction #{data.KeptInstructionId}: three words at most"), (entry.Actor, entry.Action, entry.Detail));
    }
}
