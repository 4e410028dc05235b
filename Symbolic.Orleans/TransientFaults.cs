using Orleans.Networking.Shared;
using Orleans.Runtime.Messaging;

namespace Symbolic.Orleans;

/// <summary>Which failures of a grain call mean "its silo was lost; ask again" rather than "the call itself failed".</summary>
internal static class TransientFaults
{
    public static bool IsTransient(Exception error) => error is
        OrleansMessageRejectionException   // includes SiloUnavailableException
        or ConnectionFailedException
        or SocketConnectionException
        or GatewayTooBusyException
        or ClientNotAvailableException
        or TimeoutException;               // Orleans' response timeout
}
