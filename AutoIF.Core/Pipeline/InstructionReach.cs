using AutoIF.Core.Domain.State;

namespace AutoIF.Core.Pipeline;

public static class InstructionReach
{
    /// <summary>
    /// The instructions that reached <paramref name="stage"/>: not dropped, or dropped by it or a later stage. A stage's
    /// total over them is the same whether it ran in one pass, in catch-ups beside the stages around it (decision 051),
    /// or across a process killed mid-stage and the one that resumed it.
    /// </summary>
    public static IQueryable<Instruction> Reaching(this IQueryable<Instruction> instructions, PipelineStage stage) =>
        instructions.Where(i => i.Status != ItemStatus.Dropped || i.DropStage >= stage);
}
