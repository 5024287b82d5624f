using System.Globalization;
using System.Text;
using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Reviews;
using AutoIF.Tests.Infrastructure;
using AutoIF.Web.Extensions;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline;

/// <summary>
/// A small demo run (offline demo model, real SQLite, real sandbox) with three human decisions on top, written out as the
/// user sees it: the run's funnel, the Instructions grid and dashboard numbers, and every export format × container the
/// registry allows (with and without <c>--metadata</c>, both LLaMA-Factory DPO layouts, plain and conversational TRL).
/// Each file is compared byte for byte with its golden under <c>Fixtures/Golden/DemoRun/</c>, so a change to how item
/// state is stored can be checked to change nothing a user sees.
/// <para>
/// To rewrite the golden files after an intended change, run this test with <c>AUTOIF_UPDATE_GOLDEN=1</c>: it writes them
/// into the source tree (and the build output) instead of comparing, and fails nothing. Review the diff before committing.
/// </para>
/// </summary>
public class DemoRunGoldenTests
{
    [Fact]
    public async Task A_demo_run_with_reviews_gives_the_golden_funnel_grid_dashboard_and_exports()
    {
        await using var database = await TestDatabase.CreateAsync(new Dictionary<string, string?>(DemoRunGolden.SandboxSettings), services => services.AddAutoIfReviewUi());
        var runId = await DemoRunGolden.RunAsync(database);
        var reviewed = await ReviewAsync(database, runId);

        var outputs = await DemoRunGolden.OutputsAsync(database, runId);
        outputs["reviews.txt"] = DemoRunGolden.Text(reviewed);

        if (DemoRunGolden.Updating)
        {
            DemoRunGolden.UpdateGoldenFiles(outputs);
            return;
        }
        DemoRunGolden.AssertMatchesGoldenFiles(outputs);
    }

    /// <summary>
    /// The human decisions, picked by id so the same items are picked every time, each on a different kept instruction:
    /// reject the first kept instruction that has kept responses (its rows leave the exports), approve the first response
    /// the filter dropped on another one (it joins them), and reject the first kept verifier of a third.
    /// </summary>
    private static async Task<string> ReviewAsync(TestDatabase database, int runId)
    {
        await using var db = database.CreateContext();
        var rejectedInstruction = await db.Instructions
            .Where(i => i.RunId == runId && i.Status == ItemStatus.Kept && db.Responses.Any(r => r.InstructionId == i.Id && r.Status == ItemStatus.Kept))
            .OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
        var (droppedResponse, approvedInstruction) = await db.Responses
            .Where(r => r.RunId == runId && r.Status == ItemStatus.Dropped && r.InstructionId != rejectedInstruction && db.Instructions.Any(i => i.Id == r.InstructionId && i.Status == ItemStatus.Kept))
            .OrderBy(r => r.Id).Select(r => ValueTuple.Create(r.Id, r.InstructionId)).FirstAsync();
        var rejectedVerifier = await db.Verifiers
            .Where(v => v.RunId == runId && v.Status == ItemStatus.Kept && v.InstructionId != rejectedInstruction && v.InstructionId != approvedInstruction && v.Instruction!.Status == ItemStatus.Kept)
            .OrderBy(v => v.Id).Select(v => v.Id).FirstAsync();
        var reviews = database.Get<ReviewService>();
        var decisions = new ReviewDecision[]
        {
            new(ReviewTarget.Response, droppedResponse, ReviewState.Approved, "golden: approve a dropped response"),
            new(ReviewTarget.Instruction, rejectedInstruction, ReviewState.Rejected, "golden: reject a kept instruction"),
            new(ReviewTarget.Verifier, rejectedVerifier, ReviewState.Rejected, "golden: reject a kept verifier"),
        };
        var text = new StringBuilder();
        foreach (var decision in decisions)
        {
            var row = await reviews.RecordAsync(decision);
            text.AppendLine(Invariant($"{row.Target} {row.TargetId}: {row.Decision} (automatic {row.AutomaticStatus}) by {row.Reviewer}, at {row.CreatedAt:O}: {row.Note}"));
        }
        foreach (var agreement in await reviews.AgreementAsync(runId))
        {
            text.AppendLine(Invariant($"agreement {agreement.Target?.ToString() ?? "all"}: reviewed {agreement.Reviewed}, agreed {agreement.Agreed}, overturned {agreement.Overturned}, undecided {agreement.Undecided}, rate {Number(agreement.AgreementRate)}"));
        }
        return text.ToString();
    }

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "-";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
