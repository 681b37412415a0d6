using System.Text.Json.Serialization;

namespace NotebookCourse.Runner;

/// <summary>The SubmitCode command of the kernel's stdio protocol.</summary>
internal sealed record SubmitCodeCommand(
    [property: JsonPropertyName("command")] SubmitCode Command,
    [property: JsonPropertyName("token")] string Token)
{
    [JsonPropertyName("commandType")]
    public string CommandType => "SubmitCode";
}

/// <summary>The payload of SubmitCode: the code and the kernel to run it in.</summary>
internal sealed record SubmitCode(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("targetKernelName")] string TargetKernelName);

/// <summary>Source-generated JSON for the commands the runner sends.</summary>
[JsonSerializable(typeof(SubmitCodeCommand))]
internal sealed partial class RunnerJson : JsonSerializerContext;
