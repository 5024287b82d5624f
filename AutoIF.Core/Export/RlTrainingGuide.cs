using System.Text;

namespace AutoIF.Core.Export;

/// <summary>
/// The RL bundle card's "Train with RL" section: where the reward service is, and the command line that points the
/// format's trainer at the bundle's files and reward client (the flags are verl's, OpenRLHF's, TRL's and open-instruct's
/// own; docs/research/rl-trainers.md cites where each comes from).
/// </summary>
internal static class RlTrainingGuide
{
    public static string Render(string format, IReadOnlyList<SplitFile> files)
    {
        var train = files.First(f => f.Split == DatasetSplit.Train).Path;
        var validation = files.FirstOrDefault(f => f.Split == DatasetSplit.Validation)?.Path;
        var md = new StringBuilder();
        md.AppendLine();
        md.AppendLine("## Train with RL");
        md.AppendLine();
        md.AppendLine("Each row's label (`{\"run\", \"prompt_id\", \"instruction_ids\"}`) is scored by the AutoIF Studio reward service with the run's kept verifiers, in their current versions. On every machine that computes rewards, set:");
        md.AppendLine();
        md.AppendLine("```sh");
        md.AppendLine("export AUTOIF_REWARD_URL=http://HOST:5080      # the app serving this run");
        md.AppendLine("export AUTOIF_REWARD_TOKEN=...                 # the app's Reward:ApiKey, if set");
        md.AppendLine("export AUTOIF_REWARD_MODE=binary               # or fraction, accuracy");
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine("```sh");
        switch (format)
        {
            case ExportFormats.Verl:
                md.AppendLine("python3 -m verl.trainer.main_ppo algorithm.adv_estimator=grpo \\");
                md.AppendLine($"  data.train_files={train} data.val_files={validation ?? train} \\");
                md.AppendLine("  reward.custom_reward_function.path=reward/autoif_reward.py reward.custom_reward_function.name=compute_score");
                md.AppendLine("# verl before its reward/ config group: custom_reward_function.path=reward/autoif_reward.py custom_reward_function.name=compute_score");
                break;
            case ExportFormats.OpenRlhf:
                md.AppendLine("python3 -m openrlhf.cli.train_ppo_ray --advantage_estimator group_norm \\");
                md.AppendLine($"  --data.prompt_dataset {train} --data.input_key prompt --data.label_key label --data.apply_chat_template \\");
                md.AppendLine("  --reward.remote_url reward/openrlhf_reward.py");
                md.AppendLine("# or the service itself (no commas in the URL): --reward.remote_url \"$AUTOIF_REWARD_URL/api/reward/openrlhf?mode=binary&token=$AUTOIF_REWARD_TOKEN\"");
                md.AppendLine("# OpenRLHF's flat flags: --prompt_data … --input_key prompt --label_key label --apply_chat_template --remote_rm_url …");
                break;
            case ExportFormats.TrlPrompts:
                md.AppendLine("# from this folder: TRL imports reward.autoif_reward and loads the data files the card's configs name");
                md.AppendLine("trl grpo --model_name_or_path MODEL --dataset_name . --reward_funcs reward.autoif_reward.trl_reward --output_dir out");
                break;
            default:
                md.AppendLine("# open-instruct scores rows whose dataset is \"autoif\" with AutoIFVerifier: import it before training starts");
                md.AppendLine("export PYTHONPATH=$PWD/reward:$PYTHONPATH   # and `import open_instruct_autoif` in open_instruct/grpo_fast.py,");
                md.AppendLine("                                           # or paste its class at the end of open_instruct/ground_truth_utils.py");
                md.AppendLine($"python3 open_instruct/grpo_fast.py --dataset_mixer_list {train} 1.0 --apply_verifiable_reward true");
                break;
        }
        md.AppendLine("```");
        return md.ToString();
    }
}
