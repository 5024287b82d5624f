using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace AutoIF.Core.Domain.Settings;

public sealed record BackTranslationSettings
{
    [Range(1, 20)]
    [Description("Surviving functions back-translated into an instruction, per instruction")]
    [SettingSource("paper", "code/4_eval_func_backtranslator.py")]
    public int Functions { get; set; } = 3;

    [Description("One prompt per function, or one prompt per instruction answered as a JSON list (the scripts' way)")]
    [SettingSource("ours", "code/4_eval_func_backtranslator.py")]
    public BackTranslationPrompt Prompt { get; set; } = BackTranslationPrompt.PerFunction;
}
