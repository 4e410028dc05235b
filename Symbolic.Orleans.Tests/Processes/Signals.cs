using System.Diagnostics;

namespace Symbolic.Orleans.Tests.Processes;

/// <summary>POSIX signals to a process (.NET's Process.Kill sends only SIGKILL), through kill(1).</summary>
internal static class Signals
{
    /// <summary>Sends SIGTERM; returns kill's exit code (0 on success).</summary>
    public static int Terminate(int processId)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", processId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
        kill.WaitForExit(10_000);
        return kill.ExitCode;
    }
}
