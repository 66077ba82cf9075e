using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Multiproc.Resources;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>The runtime's remaining throw sites, one method per message (messages in <c>Resources/Strings.resx</c>).</summary>
internal static partial class ThrowHelper
{
    /// <summary>Creates <see cref="IOException"/>: Accepting on {…} failed: {…}.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IOException CreateAcceptingFailed(object? arg0, object? arg1, Exception innerException1) =>
        new(Format(SR.Connection_AcceptingFailed, arg0, arg1), innerException1);

    /// <summary>Creates <see cref="AuthenticationFailedException"/>: The authentication message ({…} bytes) has neither a legacy length nor a supported '{digest}' prefix (md5…</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static AuthenticationFailedException CreateAuthenticationMessageBytesNeitherLegacyLength(object? arg0) =>
        new(Format(SR.Connection_AuthenticationMessageBytesNeitherLegacyLength, arg0));

    /// <summary>Creates <see cref="AuthenticationFailedException"/>: {…} of {…} broke off the authentication handshake and has been disconnected: {…}</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static AuthenticationFailedException CreateBrokeOffAuthenticationHandshakeBeenDisconnected(object? arg0, object? arg1, object? arg2, Exception innerException1) =>
        new(Format(SR.Connection_BrokeOffAuthenticationHandshakeBeenDisconnected, arg0, arg1, arg2), innerException1);

    /// <summary>Throws <see cref="IOException"/>: Cannot duplicate the inherited connection descriptor {…}: {…} (errno {…}).</summary>
    [DoesNotReturn]
    public static void ThrowCannotDuplicateInheritedConnectionDescriptorErrno(object? arg0, object? arg1, object? arg2) =>
        throw new IOException(Format(SR.Connection_CannotDuplicateInheritedConnectionDescriptorErrno, arg0, arg1, arg2));

    /// <summary>Throws <see cref="IOException"/>: Cannot listen on {…}: {…}.</summary>
    [DoesNotReturn]
    public static void ThrowCannotListen(object? arg0, object? arg1, Exception innerException1) =>
        throw new IOException(Format(SR.Connection_CannotListen, arg0, arg1), innerException1);

    /// <summary>Throws <see cref="AuthenticationFailedException"/>: The challenge is too short: {…} bytes.</summary>
    [DoesNotReturn]
    public static void ThrowChallengeTooShortBytes(object? arg0) =>
        throw new AuthenticationFailedException(Format(SR.Connection_ChallengeTooShortBytes, arg0));

    /// <summary>Creates <see cref="AuthenticationFailedException"/>: {…} of {…} did not complete the authentication handshake within {…} s and has been disconnected.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static AuthenticationFailedException CreateDidNotCompleteAuthenticationHandshakeWithin(object? arg0, object? arg1, object? arg2, Exception innerException1) =>
        new(Format(SR.Connection_DidNotCompleteAuthenticationHandshakeWithin, arg0, arg1, arg2), innerException1);

    /// <summary>Creates <see cref="AuthenticationFailedException"/>: The digest '{…}' is not supported on this machine.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static AuthenticationFailedException CreateDigestNotSupportedMachine(object? arg0) =>
        new(Format(SR.Connection_DigestNotSupportedMachine, arg0));

    /// <summary>Throws <see cref="AuthenticationFailedException"/>: The digest received was wrong: the peer uses a different authkey.</summary>
    [DoesNotReturn]
    public static void ThrowDigestReceivedWrongPeerUsesDifferent() =>
        throw new AuthenticationFailedException(SR.Connection_DigestReceivedWrongPeerUsesDifferent);

    /// <summary>Throws <see cref="AuthenticationFailedException"/>: The digest sent was rejected: the peer uses a different authkey.</summary>
    [DoesNotReturn]
    public static void ThrowDigestSentRejectedPeerUsesDifferent() =>
        throw new AuthenticationFailedException(SR.Connection_DigestSentRejectedPeerUsesDifferent);

    /// <summary>Creates <see cref="AuthenticationFailedException"/>: {…} of {…} failed authentication and has been disconnected: {…}</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static AuthenticationFailedException CreateFailedAuthenticationBeenDisconnected(object? arg0, object? arg1, object? arg2, Exception innerException1) =>
        new(Format(SR.Connection_FailedAuthenticationBeenDisconnected, arg0, arg1, arg2), innerException1);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/>: The handshake timeout must be positive or Timeout.InfiniteTimeSpan.</summary>
    [DoesNotReturn]
    public static void ThrowHandshakeTimeoutMustPositiveTimeoutInfiniteTimeSpan(string name0, object? actualValue1) =>
        throw new ArgumentOutOfRangeException(name0, actualValue1, SR.Connection_HandshakeTimeoutMustPositiveTimeoutInfiniteTimeSpan);

    /// <summary>Creates <see cref="IOException"/>: The host name '{…}' does not resolve to an address.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IOException CreateHostNameDoesNotResolveAddress(object? arg0) =>
        new(Format(SR.Connection_HostNameDoesNotResolveAddress, arg0));

    /// <summary>Creates <see cref="ObjectDisposedException"/>: The listener was closed.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ObjectDisposedException CreateListenerClosed(string name0) =>
        new(name0, SR.Connection_ListenerClosed);

    /// <summary>Throws <see cref="ObjectDisposedException"/>: Object {…} passed to Wait was closed while waiting.</summary>
    [DoesNotReturn]
    public static void ThrowObjectPassedWaitClosedWhileWaiting(string name0, object? arg0) =>
        throw new ObjectDisposedException(name0, Format(SR.Connection_ObjectPassedWaitClosedWhileWaiting, arg0));

    /// <summary>Creates <see cref="ArgumentNullException"/>: Object {…} passed to Wait is null.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ArgumentNullException CreateObjectPassedWaitNull(string name0, object? arg0) =>
        new(name0, Format(SR.Connection_ObjectPassedWaitNull, arg0));

    /// <summary>Creates <see cref="ArgumentException"/>: Object {…} passed to Wait is a {…}; Wait accepts a Connection, a Process, a ProcessSentinel, a ProcessQue…</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ArgumentException CreateObjectPassedWaitWaitAcceptsConnection(object? arg0, object? arg1, string name1) =>
        new(Format(SR.Connection_ObjectPassedWaitWaitAcceptsConnection, arg0, arg1), name1);

    /// <summary>Creates <see cref="ArgumentException"/>: Object {…} is a write-only connection: Wait waits for something to receive.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ArgumentException CreateObjectWriteOnlyConnectionWaitWaits(object? arg0, string name1) =>
        new(Format(SR.Connection_ObjectWriteOnlyConnectionWaitWaits, arg0), name1);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/>: The offset is negative.</summary>
    [DoesNotReturn]
    public static void ThrowOffsetNegative(string name0, object? actualValue1) =>
        throw new ArgumentOutOfRangeException(name0, actualValue1, SR.Connection_OffsetNegative);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/>: The offset is past the end of the {…}-byte buffer.</summary>
    [DoesNotReturn]
    public static void ThrowOffsetPastEndByteBuffer(string name0, object? actualValue1, object? arg0) =>
        throw new ArgumentOutOfRangeException(name0, actualValue1, Format(SR.Connection_OffsetPastEndByteBuffer, arg0));

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/>: offset + size ({…}) runs past the end of the {…}-byte buffer.</summary>
    [DoesNotReturn]
    public static void ThrowOffsetSizeRunsPastEndByte(string name0, object? actualValue1, object? arg0, object? arg1) =>
        throw new ArgumentOutOfRangeException(name0, actualValue1, Format(SR.Connection_OffsetSizeRunsPastEndByte, arg0, arg1));

    /// <summary>Throws <see cref="IOException"/>: poll() over {…} objects failed: {…} (errno {…}).</summary>
    [DoesNotReturn]
    public static void ThrowPollOverObjectsFailedErrno(object? arg0, object? arg1, object? arg2) =>
        throw new IOException(Format(SR.Connection_PollOverObjectsFailedErrno, arg0, arg1, arg2));

    /// <summary>Throws <see cref="AuthenticationFailedException"/>: Protocol error: expected a challenge ('#CHALLENGE#…'), got a {…}-byte message that is not one.</summary>
    [DoesNotReturn]
    public static void ThrowProtocolErrorExpectedChallengeCHALLENGEGot(object? arg0) =>
        throw new AuthenticationFailedException(Format(SR.Connection_ProtocolErrorExpectedChallengeCHALLENGEGot, arg0));

    /// <summary>Throws <see cref="AuthenticationFailedException"/>: The {…} response has {…} bytes where {…} were expected.</summary>
    [DoesNotReturn]
    public static void ThrowResponseBytesWhereWereExpected(object? arg0, object? arg1, object? arg2) =>
        throw new AuthenticationFailedException(Format(SR.Connection_ResponseBytesWhereWereExpected, arg0, arg1, arg2));

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/>: The size is negative.</summary>
    [DoesNotReturn]
    public static void ThrowSizeNegative(string name0, object? actualValue1) =>
        throw new ArgumentOutOfRangeException(name0, actualValue1, SR.Connection_SizeNegative);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/>: The timeout is negative; use null to wait forever.</summary>
    [DoesNotReturn]
    public static void ThrowTimeoutNegativeUseNullWaitForever(string name0, object? actualValue1) =>
        throw new ArgumentOutOfRangeException(name0, actualValue1, SR.Connection_TimeoutNegativeUseNullWaitForever);

    /// <summary>Throws <see cref="WireFormatException"/>: A {…} arrived where a {…} proxy was expected.</summary>
    [DoesNotReturn]
    public static void ThrowArrivedWhereProxyExpected(object? arg0, object? arg1) =>
        throw new WireFormatException(Format(SR.Manager_ArrivedWhereProxyExpected, arg0, arg1));

    /// <summary>Creates <see cref="ArgumentOutOfRangeException"/>: A barrier needs at least one party.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ArgumentOutOfRangeException CreateBarrierNeedsLeastOneParty(string name0, object? actualValue1) =>
        new(name0, actualValue1, SR.Manager_BarrierNeedsLeastOneParty);

    /// <summary>Creates <see cref="BrokenBarrierException"/>: The barrier wait timed out; the barrier is broken.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static BrokenBarrierException CreateBarrierWaitTimedOutBarrierBroken() =>
        new(SR.Manager_BarrierWaitTimedOutBarrierBroken);

    /// <summary>Throws <see cref="InvalidOperationException"/>: cannot notify on un-acquired lock</summary>
    [DoesNotReturn]
    public static void ThrowCannotNotifyUnAcquiredLock() =>
        throw new InvalidOperationException(SR.Manager_CannotNotifyUnAcquiredLock);

    /// <summary>Throws <see cref="InvalidOperationException"/>: cannot release un-acquired lock (it is held by another thread)</summary>
    [DoesNotReturn]
    public static void ThrowCannotReleaseUnAcquiredLockHeld() =>
        throw new InvalidOperationException(SR.Manager_CannotReleaseUnAcquiredLockHeld);

    /// <summary>Throws <see cref="InvalidOperationException"/>: cannot wait on un-acquired lock</summary>
    [DoesNotReturn]
    public static void ThrowCannotWaitUnAcquiredLock() =>
        throw new InvalidOperationException(SR.Manager_CannotWaitUnAcquiredLock);

    /// <summary>Throws <see cref="InvalidOperationException"/>: The client session already has a primary connection.</summary>
    [DoesNotReturn]
    public static void ThrowClientSessionAlreadyPrimaryConnection() =>
        throw new InvalidOperationException(SR.Manager_ClientSessionAlreadyPrimaryConnection);

    /// <summary>Creates <see cref="InvalidOperationException"/>: The client session has no primary connection (it closed); references cannot be taken.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static InvalidOperationException CreateClientSessionNoPrimaryConnectionClosed() =>
        new(SR.Manager_ClientSessionNoPrimaryConnectionClosed);

    /// <summary>Creates <see cref="InvalidOperationException"/>: Connect needs the manager's address: pass it to the constructor.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static InvalidOperationException CreateConnectNeedsManagerAddressPassConstructor() =>
        new(SR.Manager_ConnectNeedsManagerAddressPassConstructor);

    /// <summary>Throws <see cref="ArgumentException"/>: A {…} crosses to another process only as a manager's proxy (GetShared, or a shared method's result); this…</summary>
    [DoesNotReturn]
    public static void ThrowCrossesAnotherProcessOnlyManagerProxy(object? arg0, object? arg1, string name1) =>
        throw new ArgumentException(Format(SR.Manager_CrossesAnotherProcessOnlyManagerProxy, arg0, arg1), name1);

    /// <summary>Throws <see cref="WireFormatException"/>: An empty reply from the manager.</summary>
    [DoesNotReturn]
    public static void ThrowEmptyReplyManager() =>
        throw new WireFormatException(SR.Manager_EmptyReplyManager);

    /// <summary>Throws <see cref="InvalidOperationException"/>: The factory registered as {…} makes another shared interface than the one registered on the manager.</summary>
    [DoesNotReturn]
    public static void ThrowFactoryRegisteredMakesAnotherSharedInterface(object? arg0) =>
        throw new InvalidOperationException(Format(SR.Manager_FactoryRegisteredMakesAnotherSharedInterface, arg0));

    /// <summary>Creates <see cref="InvalidOperationException"/>: The factory registered as '{…}' returned null.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static InvalidOperationException CreateFactoryRegisteredReturnedNull(object? arg0) =>
        new(Format(SR.Manager_FactoryRegisteredReturnedNull, arg0));

    /// <summary>Throws <see cref="InvalidOperationException"/>: The first request on a manager connection must be Hello.</summary>
    [DoesNotReturn]
    public static void ThrowFirstRequestManagerConnectionMustHello() =>
        throw new InvalidOperationException(SR.Manager_FirstRequestManagerConnectionMustHello);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/>: The index is outside the {…} of {…} items.</summary>
    [DoesNotReturn]
    public static void ThrowIndexOutsideItems(string name0, object? actualValue1, object? arg0, object? arg1) =>
        throw new ArgumentOutOfRangeException(name0, actualValue1, Format(SR.Manager_IndexOutsideItems, arg0, arg1));

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/>: The index is outside the list of {…} items.</summary>
    [DoesNotReturn]
    public static void ThrowIndexOutsideListItems(string name0, object? actualValue1, object? arg0) =>
        throw new ArgumentOutOfRangeException(name0, actualValue1, Format(SR.Manager_IndexOutsideListItems, arg0));

    /// <summary>Creates <see cref="ArgumentOutOfRangeException"/>: The initial value must not be negative.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ArgumentOutOfRangeException CreateInitialValueMustNotNegative(string name0, object? actualValue1) =>
        new(name0, actualValue1, SR.Manager_InitialValueMustNotNegative);

    /// <summary>Throws <see cref="InvalidOperationException"/>: Invalid client session.</summary>
    [DoesNotReturn]
    public static void ThrowInvalidClientSession() =>
        throw new InvalidOperationException(SR.Manager_InvalidClientSession);

    /// <summary>Creates <see cref="WireFormatException"/>: Invalid IP address '{…}'.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static WireFormatException CreateInvalidIPAddress(object? arg0) =>
        new(Format(SR.Manager_InvalidIPAddress, arg0));

    /// <summary>Creates <see cref="WireFormatException"/>: Invalid manager address kind {…}.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static WireFormatException CreateInvalidManagerAddressKind(object? arg0) =>
        new(Format(SR.Manager_InvalidManagerAddressKind, arg0));

    /// <summary>Creates <see cref="WireFormatException"/>: Invalid port {…}.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static WireFormatException CreateInvalidPort(object? arg0) =>
        new(Format(SR.Manager_InvalidPort, arg0));

    /// <summary>Throws <see cref="ArgumentException"/>: An item with the same key has already been added.</summary>
    [DoesNotReturn]
    public static void ThrowItemSameKeyAlreadyBeenAdded(string name1) =>
        throw new ArgumentException(SR.Manager_ItemSameKeyAlreadyBeenAdded, name1);

    /// <summary>Creates <see cref="KeyNotFoundException"/>: The key '{…}' is not in the manager's dictionary.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static KeyNotFoundException CreateKeyNotManagerDictionary(object? arg0) =>
        new(Format(SR.Manager_KeyNotManagerDictionary, arg0));

    /// <summary>Creates <see cref="WireFormatException"/>: A manager address is null.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static WireFormatException CreateManagerAddressNull() =>
        new(SR.Manager_ManagerAddressNull);

    /// <summary>Creates <see cref="ObjectDisposedException"/>: The manager at {…} cannot be used: it was shut down.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ObjectDisposedException CreateManagerCannotUsedShutDown(string objectName, object? arg0) =>
        new(objectName, Format(SR.Manager_ManagerCannotUsedShutDown, arg0));

    /// <summary>Creates <see cref="WireFormatException"/>: A manager needs an authkey.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static WireFormatException CreateManagerNeedsAuthkey() =>
        new(SR.Manager_ManagerNeedsAuthkey);

    /// <summary>Creates <see cref="InvalidOperationException"/>: The manager has no built-in object kind {…}.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static InvalidOperationException CreateManagerNoBuiltObjectKind(object? arg0) =>
        new(Format(SR.Manager_ManagerNoBuiltObjectKind, arg0));

    /// <summary>Throws <see cref="KeyNotFoundException"/>: The manager has no registration for that typeid.</summary>
    [DoesNotReturn]
    public static void ThrowManagerNoRegistrationTypeid() =>
        throw new KeyNotFoundException(SR.Manager_ManagerNoRegistrationTypeid);

    /// <summary>Creates <see cref="InvalidOperationException"/>: The manager is not running: call Start() or Connect() first.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static InvalidOperationException CreateManagerNotRunningCallStartConnect() =>
        new(SR.Manager_ManagerNotRunningCallStartConnect);

    /// <summary>Throws <see cref="InvalidOperationException"/>: The manager's object {…} is a {…}, not a {…}.</summary>
    [DoesNotReturn]
    public static void ThrowManagerObjectNot(object? arg0, object? arg1, object? arg2) =>
        throw new InvalidOperationException(Format(SR.Manager_ManagerObjectNot, arg0, arg1, arg2));

    /// <summary>Creates <see cref="IOException"/>: The manager's server could not start: {…}</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IOException CreateManagerServerCouldNotStart(object? arg0) =>
        new(Format(SR.Manager_ManagerServerCouldNotStart, arg0));

    /// <summary>Creates <see cref="InvalidOperationException"/>: The manager server is not listening yet.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static InvalidOperationException CreateManagerServerNotListeningYet() =>
        new(SR.Manager_ManagerServerNotListeningYet);

    /// <summary>Creates <see cref="ProcessStartException"/>: The manager's server process exited (code {…}) before it was listening.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ProcessStartException CreateManagerServerProcessExitedCodeBefore(object? arg0, Exception innerException1) =>
        new(Format(SR.Manager_ManagerServerProcessExitedCodeBefore, arg0), innerException1);

    /// <summary>Throws <see cref="ObjectDisposedException"/>: The manager server was stopped.</summary>
    [DoesNotReturn]
    public static void ThrowManagerServerStopped(string name0) =>
        throw new ObjectDisposedException(name0, SR.Manager_ManagerServerStopped);

    /// <summary>Throws <see cref="InvalidOperationException"/>: The manager serves another shared interface under that typeid.</summary>
    [DoesNotReturn]
    public static void ThrowManagerServesAnotherSharedInterfaceUnder() =>
        throw new InvalidOperationException(SR.Manager_ManagerServesAnotherSharedInterfaceUnder);

    /// <summary>Creates <see cref="KeyNotFoundException"/>: The manager serves no object with id {…} (it was freed when its last proxy was disposed, or never existed).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static KeyNotFoundException CreateManagerServesNoObjectIdFreed(object? arg0) =>
        new(Format(SR.Manager_ManagerServesNoObjectIdFreed, arg0));

    /// <summary>Throws <see cref="KeyNotFoundException"/>: The manager serves no object with id {…}: it was freed before this proxy could take a reference.</summary>
    [DoesNotReturn]
    public static void ThrowManagerServesNoObjectId(object? arg0) =>
        throw new KeyNotFoundException(Format(SR.Manager_ManagerServesNoObjectIdFreed2, arg0));

    /// <summary>Throws <see cref="InvalidOperationException"/>: This manager serves shared objects made by factories given to RegisterShared, and a delegate cannot travel to a server process.</summary>
    [DoesNotReturn]
    public static void ThrowManagerServesSharedObjectsMadeFactories() =>
        throw new InvalidOperationException(SR.Manager_ManagerServesSharedObjectsMadeFactories);

    /// <summary>Throws <see cref="InvalidOperationException"/>: The manager serves a {…} under that typeid, not a {…}.</summary>
    [DoesNotReturn]
    public static void ThrowManagerServesUnderTypeidNot(object? arg0, object? arg1) =>
        throw new InvalidOperationException(Format(SR.Manager_ManagerServesUnderTypeidNot, arg0, arg1));

    /// <summary>Creates <see cref="MissingMethodException"/>: Method {…} is not exposed by the manager's {…} object (the client was built against a different version).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static MissingMethodException CreateMethodNotExposedManagerObjectClient(object? arg0, object? arg1) =>
        new(Format(SR.Manager_MethodNotExposedManagerObjectClient, arg0, arg1));

    /// <summary>Creates <see cref="MissingMethodException"/>: Method {…} is not exposed by the shared interface {…} (the client was built against a different version o…</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static MissingMethodException CreateMethodNotExposedSharedInterfaceClient(object? arg0, object? arg1) =>
        new(Format(SR.Manager_MethodNotExposedSharedInterfaceClient, arg0, arg1));

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/>: n must be one or more</summary>
    [DoesNotReturn]
    public static void ThrowNMustOneMore(string name0, object? actualValue1) =>
        throw new ArgumentOutOfRangeException(name0, actualValue1, SR.Manager_NMustOneMore);

    /// <summary>Creates <see cref="KeyNotFoundException"/>: The namespace has no attribute '{…}'.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static KeyNotFoundException CreateNamespaceNoAttribute(object? arg0) =>
        new(Format(SR.Manager_NamespaceNoAttribute, arg0));

    /// <summary>Creates <see cref="ArgumentException"/>: A {…} needs an initial value, so it cannot be registered as '{…}' by name; store it in a registered dicti…</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ArgumentException CreateNeedsInitialValueSoCannotRegistered(object? arg0, object? arg1, string name1) =>
        new(Format(SR.Manager_NeedsInitialValueSoCannotRegistered, arg0, arg1), name1);

    /// <summary>Throws <see cref="InvalidOperationException"/>: No factory is registered as {…} in the serving process (pid {…}): call BaseManager.RegisterFactory where …</summary>
    [DoesNotReturn]
    public static void ThrowNoFactoryRegisteredServingProcessPid(object? arg0, object? arg1) =>
        throw new InvalidOperationException(Format(SR.Manager_NoFactoryRegisteredServingProcessPid, arg0, arg1));

    /// <summary>Throws <see cref="InvalidOperationException"/>: '{…}' is not registered as a {…} on this manager: call Register&lt;{…}&lt;…&gt;&gt;("{…}") first (Python'…</summary>
    [DoesNotReturn]
    public static void ThrowNotRegisteredManagerCallRegisterFirst(object? arg0, object? arg1, object? arg2, object? arg3) =>
        throw new InvalidOperationException(Format(SR.Manager_NotRegisteredManagerCallRegisterFirst, arg0, arg1, arg2, arg3));

    /// <summary>Throws <see cref="InvalidOperationException"/>: '{…}' is not registered as {…} on this manager: call RegisterShared&lt;{…}&gt;("{…}") first (Python's reg…</summary>
    [DoesNotReturn]
    public static void ThrowNotRegisteredManagerCallRegisterSharedFirst(object? arg0, object? arg1, object? arg2, object? arg3) =>
        throw new InvalidOperationException(Format(SR.Manager_NotRegisteredManagerCallRegisterSharedFirst, arg0, arg1, arg2, arg3));

    /// <summary>Creates <see cref="InvalidOperationException"/>: '{…}' is not a shared interface of this program: mark it [SharedInterface] so that the Multiproc source g…</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static InvalidOperationException CreateNotSharedInterfaceProgramMarkSharedInterface(object? arg0) =>
        new(Format(SR.Manager_NotSharedInterfaceProgramMarkSharedInterface, arg0));

    /// <summary>Creates <see cref="WireFormatException"/>: A null item blob.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static WireFormatException CreateNullItemBlob() =>
        new(SR.Manager_NullItemBlob);

    /// <summary>Throws <see cref="KeyNotFoundException"/>: The proxy being stored refers to object {…}, which the manager no longer serves.</summary>
    [DoesNotReturn]
    public static void ThrowProxyBeingStoredRefersObjectWhich(object? arg0) =>
        throw new KeyNotFoundException(Format(SR.Manager_ProxyBeingStoredRefersObjectWhich, arg0));

    /// <summary>Throws <see cref="InvalidOperationException"/>: A proxy for the manager at {…} arrived, but this process is not connected to that manager and has no key …</summary>
    [DoesNotReturn]
    public static void ThrowProxyManagerArrivedButProcessNot(object? arg0) =>
        throw new InvalidOperationException(Format(SR.Manager_ProxyManagerArrivedButProcessNot, arg0));

    /// <summary>Throws <see cref="InvalidOperationException"/>: Register typeids before the manager starts serving.</summary>
    [DoesNotReturn]
    public static void ThrowRegisterTypeidsBeforeManagerStartsServing() =>
        throw new InvalidOperationException(SR.Manager_RegisterTypeidsBeforeManagerStartsServing);

    /// <summary>Throws <see cref="InvalidOperationException"/>: release unlocked lock</summary>
    [DoesNotReturn]
    public static void ThrowReleaseUnlockedLock() =>
        throw new InvalidOperationException(SR.Manager_ReleaseUnlockedLock);

    /// <summary>Throws <see cref="InvalidOperationException"/>: Semaphore released too many times</summary>
    [DoesNotReturn]
    public static void ThrowSemaphoreReleasedTooManyTimes() =>
        throw new InvalidOperationException(SR.Manager_SemaphoreReleasedTooManyTimes);

    /// <summary>Creates <see cref="InvalidOperationException"/>: ServeForever needs an address clients can find: pass it to the constructor.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static InvalidOperationException CreateServeForeverNeedsAddressClientsFindPass() =>
        new(SR.Manager_ServeForeverNeedsAddressClientsFindPass);

    /// <summary>Throws <see cref="InvalidOperationException"/>: TaskDone() called more times than there were items put.</summary>
    [DoesNotReturn]
    public static void ThrowTaskDoneCalledMoreTimesThanThere() =>
        throw new InvalidOperationException(SR.Manager_TaskDoneCalledMoreTimesThanThere);

    /// <summary>Creates <see cref="InvalidOperationException"/>: Unknown manager request {…}.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static InvalidOperationException CreateUnknownManagerRequest(object? arg0) =>
        new(Format(SR.Manager_UnknownManagerRequest, arg0));

    /// <summary>Creates <see cref="ArgumentException"/>: Unsupported manager address type '{…}'.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ArgumentException CreateUnsupportedManagerAddressType(object? arg0, string name1) =>
        new(Format(SR.Manager_UnsupportedManagerAddressType, arg0), name1);

    /// <summary>Creates <see cref="InvalidOperationException"/>: futex(FUTEX_WAIT) failed with errno {…}.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static InvalidOperationException CreateFutexFUTEXWAITFailedErrno(object? arg0) =>
        new(Format(SR.Os_FutexFUTEXWAITFailedErrno, arg0));

    /// <summary>Throws <see cref="InvalidOperationException"/>: getrandom(2) failed with errno {…}.</summary>
    [DoesNotReturn]
    public static void ThrowGetrandomFailedErrno(object? arg0) =>
        throw new InvalidOperationException(Format(SR.Os_GetrandomFailedErrno, arg0));

    /// <summary>Creates <see cref="IOException"/>: Invalid frame length {…} on {…}.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IOException CreateInvalidFrameLength(object? arg0, object? arg1) =>
        new(Format(SR.Os_InvalidFrameLength, arg0, arg1));

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/>: At most {…} descriptors fit in one message.</summary>
    [DoesNotReturn]
    public static void ThrowMostDescriptorsFitOneMessage(string name0, object? actualValue1, object? arg0) =>
        throw new ArgumentOutOfRangeException(name0, actualValue1, Format(SR.Os_MostDescriptorsFitOneMessage, arg0));

    /// <summary>Creates <see cref="EndOfStreamException"/>: The peer closed {…} in the middle of a frame.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static EndOfStreamException CreatePeerClosedMiddleFrame(object? arg0) =>
        new(Format(SR.Os_PeerClosedMiddleFrame, arg0));

    /// <summary>Throws <see cref="InvalidOperationException"/>: poll() failed with errno {…}.</summary>
    [DoesNotReturn]
    public static void ThrowPollFailedErrno(object? arg0) =>
        throw new InvalidOperationException(Format(SR.Os_PollFailedErrno, arg0));

    /// <summary>Creates <see cref="IOException"/>: Receiving a frame on {…} failed with errno {…}.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IOException CreateReceivingFrameFailedErrno(object? arg0, object? arg1) =>
        new(Format(SR.Os_ReceivingFrameFailedErrno, arg0, arg1));

    /// <summary>Throws <see cref="IOException"/>: socketpair() failed: {…} (errno {…}).</summary>
    [DoesNotReturn]
    public static void ThrowSocketpairFailedErrno(object? arg0, object? arg1) =>
        throw new IOException(Format(SR.Os_SocketpairFailedErrno, arg0, arg1));

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/>: A timeout must be non-negative, null or Timeout.InfiniteTimeSpan.</summary>
    [DoesNotReturn]
    public static void ThrowTimeoutMustNonNegativeNullTimeout(string name0, object? actualValue1) =>
        throw new ArgumentOutOfRangeException(name0, actualValue1, SR.Os_TimeoutMustNonNegativeNullTimeout);

    /// <summary>Throws <see cref="ArgumentException"/>: Argument {…} ({…}) could not be encoded for a worker: {…}</summary>
    [DoesNotReturn]
    public static void ThrowArgumentCouldNotEncodedWorker(object? arg0, object? arg1, object? arg2, string name1, Exception innerException2) =>
        throw new ArgumentException(Format(SR.Pool_ArgumentCouldNotEncodedWorker, arg0, arg1, arg2), name1, innerException2);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/>: chunkSize must be at least 1.</summary>
    [DoesNotReturn]
    public static void ThrowChunkSizeMustLeast(string name0, object? actualValue1) =>
        throw new ArgumentOutOfRangeException(name0, actualValue1, SR.Pool_ChunkSizeMustLeast);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/>: chunkSize must be at least 1, or null for the default.</summary>
    [DoesNotReturn]
    public static void ThrowChunkSizeMustLeastNullDefault(string name0, object? actualValue1) =>
        throw new ArgumentOutOfRangeException(name0, actualValue1, SR.Pool_ChunkSizeMustLeastNullDefault);

    /// <summary>Creates <see cref="TimeoutException"/>: {…} did not finish within {…}; its worker (pid {…}) was killed and replaced.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static TimeoutException CreateDidNotFinishWithinWorkerPid(object? arg0, object? arg1, object? arg2) =>
        new(Format(SR.Pool_DidNotFinishWithinWorkerPid, arg0, arg1, arg2));

    /// <summary>Throws <see cref="InvalidOperationException"/>: ftruncate of the pool worker's progress page failed (errno {…}).</summary>
    [DoesNotReturn]
    public static void ThrowFtruncatePoolWorkerProgressPageFailed(object? arg0) =>
        throw new InvalidOperationException(Format(SR.Pool_FtruncatePoolWorkerProgressPageFailed, arg0));

    /// <summary>Creates <see cref="ObjectDisposedException"/>: The iteration was abandoned.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ObjectDisposedException CreateIterationAbandoned(string name0) =>
        new(name0, SR.Pool_IterationAbandoned);

    /// <summary>Throws <see cref="InvalidOperationException"/>: Malformed results frame ({…} bytes) from a pool worker.</summary>
    [DoesNotReturn]
    public static void ThrowMalformedResultsFrameBytesPoolWorker(object? arg0) =>
        throw new InvalidOperationException(Format(SR.Pool_MalformedResultsFrameBytesPoolWorker, arg0));

    /// <summary>Throws <see cref="InvalidOperationException"/>: Malformed task frame ({…} bytes) on a pool worker's task channel.</summary>
    [DoesNotReturn]
    public static void ThrowMalformedTaskFrameBytesPoolWorker(object? arg0) =>
        throw new InvalidOperationException(Format(SR.Pool_MalformedTaskFrameBytesPoolWorker, arg0));

    /// <summary>Throws <see cref="InvalidOperationException"/>: memfd_create failed (errno {…}); the pool needs Linux 3.17 or later.</summary>
    [DoesNotReturn]
    public static void ThrowMemfdCreateFailedErrnoPoolNeeds(object? arg0) =>
        throw new InvalidOperationException(Format(SR.Pool_MemfdCreateFailedErrnoPoolNeeds, arg0));

    /// <summary>Throws <see cref="InvalidOperationException"/>: mmap of the pool worker's progress page failed (errno {…}).</summary>
    [DoesNotReturn]
    public static void ThrowMmapPoolWorkerProgressPageFailed(object? arg0) =>
        throw new InvalidOperationException(Format(SR.Pool_MmapPoolWorkerProgressPageFailed, arg0));

    /// <summary>Throws <see cref="InvalidOperationException"/>: The pool is broken and runs nothing: {…}</summary>
    [DoesNotReturn]
    public static void ThrowPoolBrokenRunsNothing(object? arg0, Exception innerException1) =>
        throw new InvalidOperationException(Format(SR.Pool_PoolBrokenRunsNothing, arg0), innerException1);

    /// <summary>Creates <see cref="InvalidOperationException"/>: The pool's initializer {…} failed in worker pid {…}: {…}</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static InvalidOperationException CreatePoolInitializerFailedWorkerPid(object? arg0, object? arg1, object? arg2, Exception innerException1) =>
        new(Format(SR.Pool_PoolInitializerFailedWorkerPid, arg0, arg1, arg2), innerException1);

    /// <summary>Throws <see cref="InvalidOperationException"/>: Pool not running: it was closed; no new work can be submitted.</summary>
    [DoesNotReturn]
    public static void ThrowPoolNotRunningClosedNoNew() =>
        throw new InvalidOperationException(SR.Pool_PoolNotRunningClosedNoNew);

    /// <summary>Throws <see cref="InvalidOperationException"/>: Pool not running: it was terminated.</summary>
    [DoesNotReturn]
    public static void ThrowPoolNotRunningTerminated() =>
        throw new InvalidOperationException(SR.Pool_PoolNotRunningTerminated);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/>: PoolOptions.MaxTasksPerChild must be at least 1, or null for no limit (Python: "maxtasksperchild must be …</summary>
    [DoesNotReturn]
    public static void ThrowPoolOptionsMaxTasksPerChildMustLeastNullNo(string name0, object? actualValue1) =>
        throw new ArgumentOutOfRangeException(name0, actualValue1, SR.Pool_PoolOptionsMaxTasksPerChildMustLeastNullNo);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/>: PoolOptions.Processes must be at least 1 (Python: "Number of processes must be at least 1").</summary>
    [DoesNotReturn]
    public static void ThrowPoolOptionsProcessesMustLeastNumberProcesses(string name0, object? actualValue1) =>
        throw new ArgumentOutOfRangeException(name0, actualValue1, SR.Pool_PoolOptionsProcessesMustLeastNumberProcesses);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/>: PoolOptions.TaskTimeout must be positive, or null for no limit.</summary>
    [DoesNotReturn]
    public static void ThrowPoolOptionsTaskTimeoutMustPositiveNullNo(string name0, object? actualValue1) =>
        throw new ArgumentOutOfRangeException(name0, actualValue1, SR.Pool_PoolOptionsTaskTimeoutMustPositiveNullNo);

    /// <summary>Throws <see cref="InvalidOperationException"/>: Pool is still running: call Close() or Terminate() before Join().</summary>
    [DoesNotReturn]
    public static void ThrowPoolStillRunningCallCloseTerminate() =>
        throw new InvalidOperationException(SR.Pool_PoolStillRunningCallCloseTerminate);

    /// <summary>Throws <see cref="InvalidOperationException"/>: Pool is still running: call Close() or Terminate() before JoinAsync().</summary>
    [DoesNotReturn]
    public static void ThrowPoolStillRunningCallCloseTerminate2() =>
        throw new InvalidOperationException(SR.Pool_PoolStillRunningCallCloseTerminate2);

    /// <summary>Creates <see cref="OperationCanceledException"/>: The pool was terminated before this task completed.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static OperationCanceledException CreatePoolTerminatedBeforeTaskCompleted() =>
        new(SR.Pool_PoolTerminatedBeforeTaskCompleted);

    /// <summary>Creates <see cref="ProcessStartException"/>: Pool worker pid {…} exited on its own with code {…} before it was ready, so no worker can be expected to …</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ProcessStartException CreatePoolWorkerPidExitedOwnCode(object? arg0, object? arg1) =>
        new(Format(SR.Pool_PoolWorkerPidExitedOwnCode, arg0, arg1));

    /// <summary>Throws <see cref="InvalidOperationException"/>: A pool worker sent more results than it was given items.</summary>
    [DoesNotReturn]
    public static void ThrowPoolWorkerSentMoreResultsThan() =>
        throw new InvalidOperationException(SR.Pool_PoolWorkerSentMoreResultsThan);

    /// <summary>Creates <see cref="WireFormatException"/>: The result of {…} could not be decoded: {…}</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static WireFormatException CreateResultCouldNotDecoded(object? arg0, object? arg1, Exception innerException1) =>
        new(Format(SR.Pool_ResultCouldNotDecoded, arg0, arg1), innerException1);

    /// <summary>Creates <see cref="InvalidOperationException"/>: The result is not ready: call Wait() or check Ready first.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static InvalidOperationException CreateResultNotReadyCallWaitCheck() =>
        new(SR.Pool_ResultNotReadyCallWaitCheck);

    /// <summary>Throws <see cref="TimeoutException"/>: The result was not ready within {…}.</summary>
    [DoesNotReturn]
    public static void ThrowResultNotReadyWithin(object? arg0) =>
        throw new TimeoutException(Format(SR.Pool_ResultNotReadyWithin, arg0));

    /// <summary>Creates <see cref="OperationCanceledException"/>: The task was canceled.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static OperationCanceledException CreateTaskCanceled(CancellationToken token1) =>
        new(SR.Pool_TaskCanceled, token1);

    /// <summary>Creates <see cref="InvalidOperationException"/>: The task threw {…}, which could not be described for the parent ({…}: {…}).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static InvalidOperationException CreateTaskThrewCouldNotDescribedParent(object? arg0, object? arg1, object? arg2) =>
        new(Format(SR.Pool_TaskThrewCouldNotDescribedParent, arg0, arg1, arg2));

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/>: timeout must be positive, or null for the pool's TaskTimeout.</summary>
    [DoesNotReturn]
    public static void ThrowTimeoutMustPositiveNullPoolTaskTimeout(string name0, object? actualValue1) =>
        throw new ArgumentOutOfRangeException(name0, actualValue1, SR.Pool_TimeoutMustPositiveNullPoolTaskTimeout);

    /// <summary>Creates <see cref="InvalidOperationException"/>: Unexpected message {…} from a pool worker.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static InvalidOperationException CreateUnexpectedMessagePoolWorker(object? arg0) =>
        new(Format(SR.Pool_UnexpectedMessagePoolWorker, arg0));

    /// <summary>Throws <see cref="InvalidOperationException"/>: Unexpected message {…} on a pool worker's task channel.</summary>
    [DoesNotReturn]
    public static void ThrowUnexpectedMessagePoolWorkerTaskChannel(object? arg0) =>
        throw new InvalidOperationException(Format(SR.Pool_UnexpectedMessagePoolWorkerTaskChannel, arg0));

    /// <summary>Throws <see cref="InvalidOperationException"/>: Cannot close a process while it is still running. You should first call Join() or Terminate(). (process '…</summary>
    [DoesNotReturn]
    public static void ThrowCannotCloseProcessWhileStillRunning(object? arg0, object? arg1) =>
        throw new InvalidOperationException(Format(SR.Process_CannotCloseProcessWhileStillRunning, arg0, arg1));

    /// <summary>Creates <see cref="ProcessStartException"/>: Cannot find the dotnet host to run a .dll child; set DOTNET_ROOT or SetExecutable to an apphost.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ProcessStartException CreateCannotFindDotnetHostRunDll() =>
        new(SR.Process_CannotFindDotnetHostRunDll);

    /// <summary>Creates <see cref="ProcessStartException"/>: Cannot start a child: Environment.ProcessPath is unknown. Call Multiprocessing.SetExecutable(path).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ProcessStartException CreateCannotStartChildEnvironmentProcessPathUnknown() =>
        new(SR.Process_CannotStartChildEnvironmentProcessPathUnknown);

    /// <summary>Creates <see cref="ProcessStartException"/>: Cannot start process '{…}': the program is exiting (its exit cleanup has begun), and a child started now …</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ProcessStartException CreateCannotStartProcessProgramExitingExit(object? arg0) =>
        new(Format(SR.Process_CannotStartProcessProgramExitingExit, arg0));

    /// <summary>Throws <see cref="InvalidOperationException"/>: cannot start a process twice.</summary>
    [DoesNotReturn]
    public static void ThrowCannotStartProcessTwice() =>
        throw new InvalidOperationException(SR.Process_CannotStartProcessTwice);

    /// <summary>Creates <see cref="ProcessStartException"/>: The child process (pid {…}, {…}) could not run '{…}': {…} (exit code {…})</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ProcessStartException CreateChildProcessPidCouldNotRun(object? arg0, object? arg1, object? arg2, object? arg3, object? arg4) =>
        new(Format(SR.Process_ChildProcessPidCouldNotRun, arg0, arg1, arg2, arg3, arg4));

    /// <summary>Throws <see cref="ProcessStartException"/>: The child process (pid {…}, {…}) sent an invalid greeting on its control channel.</summary>
    [DoesNotReturn]
    public static void ThrowChildProcessPidSentInvalidGreeting(object? arg0, object? arg1) =>
        throw new ProcessStartException(Format(SR.Process_ChildProcessPidSentInvalidGreeting, arg0, arg1));

    /// <summary>Creates <see cref="ProcessStartException"/>: The child process (pid {…}, {…}) sent an unexpected {…} frame during start.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ProcessStartException CreateChildProcessPidSentUnexpectedFrame(object? arg0, object? arg1, object? arg2) =>
        new(Format(SR.Process_ChildProcessPidSentUnexpectedFrame, arg0, arg1, arg2));

    /// <summary>Creates <see cref="EndOfStreamException"/>: The control channel closed in the middle of a frame.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static EndOfStreamException CreateControlChannelClosedMiddleFrame() =>
        new(SR.Process_ControlChannelClosedMiddleFrame);

    /// <summary>Creates <see cref="InvalidOperationException"/>: A control channel over a raw descriptor has no Socket.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static InvalidOperationException CreateControlChannelOverRawDescriptorNo() =>
        new(SR.Process_ControlChannelOverRawDescriptorNo);

    /// <summary>Throws <see cref="InvalidOperationException"/>: daemonic processes are not allowed to have children.</summary>
    [DoesNotReturn]
    public static void ThrowDaemonicProcessesNotAllowedChildren() =>
        throw new InvalidOperationException(SR.Process_DaemonicProcessesNotAllowedChildren);

    /// <summary>Throws <see cref="WireFormatException"/>: Invalid transferred-handle index {…}.</summary>
    [DoesNotReturn]
    public static void ThrowInvalidTransferredHandleIndex(object? arg0) =>
        throw new Serialization.WireFormatException(Format(SR.Process_InvalidTransferredHandleIndex, arg0));

    /// <summary>Throws <see cref="InvalidOperationException"/>: Multiprocessing.TryRunChild was called twice in one child process.</summary>
    [DoesNotReturn]
    public static void ThrowMultiprocessingTryRunChildCalledTwiceOneChild() =>
        throw new InvalidOperationException(SR.Process_MultiprocessingTryRunChildCalledTwiceOneChild);

    /// <summary>Creates <see cref="InvalidOperationException"/>: This object wraps an operating-system handle and can only be passed to a child as an argument of a [Proce…</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static InvalidOperationException CreateObjectWrapsOperatingSystemHandleOnly() =>
        new(SR.Process_ObjectWrapsOperatingSystemHandleOnly);

    /// <summary>Creates <see cref="InvalidOperationException"/>: Only the child's end of a control channel receives descriptors.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static InvalidOperationException CreateOnlyChildEndControlChannelReceives() =>
        new(SR.Process_OnlyChildEndControlChannelReceives);

    /// <summary>Throws <see cref="InvalidOperationException"/>: can only join a started process.</summary>
    [DoesNotReturn]
    public static void ThrowOnlyJoinStartedProcess() =>
        throw new InvalidOperationException(SR.Process_OnlyJoinStartedProcess);

    /// <summary>Throws <see cref="ProcessStartException"/>: pidfd_open({…}) failed with errno {…}; Multiproc needs Linux 5.3 or later.</summary>
    [DoesNotReturn]
    public static void ThrowPidfdOpenFailedErrnoMultiprocNeeds(object? arg0, object? arg1) =>
        throw new ProcessStartException(Format(SR.Process_PidfdOpenFailedErrnoMultiprocNeeds, arg0, arg1));

    /// <summary>Throws <see cref="ProcessStartException"/>: posix_spawn('{…}') failed with error {…} ({…}).</summary>
    [DoesNotReturn]
    public static void ThrowPosixSpawnFailedError(object? arg0, object? arg1, object? arg2) =>
        throw new ProcessStartException(Format(SR.Process_PosixSpawnFailedError, arg0, arg1, arg2));

    /// <summary>Throws <see cref="InvalidOperationException"/>: process has already started: Daemon can only be set before Start().</summary>
    [DoesNotReturn]
    public static void ThrowProcessAlreadyStartedDaemonOnlySet() =>
        throw new InvalidOperationException(SR.Process_ProcessAlreadyStartedDaemonOnlySet);

    /// <summary>Throws <see cref="InvalidOperationException"/>: process not started: nothing to signal.</summary>
    [DoesNotReturn]
    public static void ThrowProcessNotStartedNothingSignal() =>
        throw new InvalidOperationException(SR.Process_ProcessNotStartedNothingSignal);

    /// <summary>Throws <see cref="InvalidOperationException"/>: process not started: the sentinel exists only after Start().</summary>
    [DoesNotReturn]
    public static void ThrowProcessNotStartedSentinelExistsOnly() =>
        throw new InvalidOperationException(SR.Process_ProcessNotStartedSentinelExistsOnly);

    /// <summary>Throws <see cref="ObjectDisposedException"/>: process object is closed (Python: "process object is closed").</summary>
    [DoesNotReturn]
    public static void ThrowProcessClosed(string name0) =>
        throw new ObjectDisposedException(name0, SR.Process_ProcessObjectClosedProcessObjectClosed);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/>: ProcessOptions.StartTimeout must be positive.</summary>
    [DoesNotReturn]
    public static void ThrowProcessOptionsStartTimeoutMustPositive(string name0, object? actualValue1) =>
        throw new ArgumentOutOfRangeException(name0, actualValue1, SR.Process_ProcessOptionsStartTimeoutMustPositive);

    /// <summary>Creates <see cref="ProcessFailedException"/>: Process '{…}' (pid {…}) {…} without returning a result from {…}.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ProcessFailedException CreateProcessPidWithoutReturningResult(object? arg0, object? arg1, object? arg2, object? arg3, int code1) =>
        new(Format(SR.Process_ProcessPidWithoutReturningResult, arg0, arg1, arg2, arg3), code1);

    /// <summary>Throws <see cref="FileNotFoundException"/>: SetExecutable: '{…}' does not exist.</summary>
    [DoesNotReturn]
    public static void ThrowSetExecutableDoesNotExist(object? arg0, string name1) =>
        throw new FileNotFoundException(Format(SR.Process_SetExecutableDoesNotExist, arg0), name1);

    /// <summary>Throws <see cref="InvalidOperationException"/>: can't join current process.</summary>
    [DoesNotReturn]
    public static void ThrowCannotJoinCurrentProcess() =>
        throw new InvalidOperationException(SR.Process_TJoinCurrentProcess);

    /// <summary>Creates <see cref="WireFormatException"/>: Transferred-handle index {…} names none of the {…} descriptors received.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Serialization.WireFormatException CreateTransferredHandleIndexNamesNoneDescriptors(object? arg0, object? arg1) =>
        new(Format(SR.Process_TransferredHandleIndexNamesNoneDescriptors, arg0, arg1));

    /// <summary>Throws <see cref="InvalidOperationException"/>: A transferred handle can only be read while a child decodes its process arguments.</summary>
    [DoesNotReturn]
    public static void ThrowTransferredHandleOnlyReadWhileChild() =>
        throw new InvalidOperationException(SR.Process_TransferredHandleOnlyReadWhileChild);

    /// <summary>Creates <see cref="AuthenticationFailedException"/>: Authentication with the listener at {…} failed: {…}</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static AuthenticationFailedException CreateAuthenticationListenerFailed(object? arg0, object? arg1, Exception innerException1) =>
        new(Format(SR.Runtime_AuthenticationListenerFailed, arg0, arg1), innerException1);

    /// <summary>Throws <see cref="IOException"/>: Cannot connect to {…}: {…}.</summary>
    [DoesNotReturn]
    public static void ThrowCannotConnect(object? arg0, object? arg1, Exception innerException1) =>
        throw new IOException(Format(SR.Runtime_CannotConnect, arg0, arg1), innerException1);

    /// <summary>Creates <see cref="AuthenticationFailedException"/>: The listener at {…} broke off the authentication handshake: {…}</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static AuthenticationFailedException CreateListenerBrokeOffAuthenticationHandshake(object? arg0, object? arg1, Exception innerException1) =>
        new(Format(SR.Runtime_ListenerBrokeOffAuthenticationHandshake, arg0, arg1), innerException1);

    /// <summary>Creates <see cref="ArgumentException"/>: Unsupported address type '{…}': use a UnixDomainSocketEndPoint, IPEndPoint or DnsEndPoint.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ArgumentException CreateUnsupportedAddressTypeUseUnixDomainSocketEndPointIPEndPoint(object? arg0, string name1) =>
        new(Format(SR.Runtime_UnsupportedAddressTypeUseUnixDomainSocketEndPointIPEndPoint, arg0), name1);

    /// <summary>Throws <see cref="ArgumentException"/>: bytes/str item exceeds available storage: item {…} has a {…}-byte slot, the new value needs {…} bytes (Py…</summary>
    [DoesNotReturn]
    public static void ThrowBytesStrItemExceedsAvailableStorage(object? arg0, object? arg1, object? arg2, string name1) =>
        throw new ArgumentException(Format(SR.SharedMemory_BytesStrItemExceedsAvailableStorage, arg0, arg1, arg2), name1);

    /// <summary>Creates <see cref="IOException"/>: Cannot create shared memory '{…}': errno {…}.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IOException CreateCannotCreateSharedMemoryErrno(object? arg0, object? arg1) =>
        new(Format(SR.SharedMemory_CannotCreateSharedMemoryErrno, arg0, arg1));

    /// <summary>Throws <see cref="IOException"/>: Cannot map shared memory '{…}' ({…} bytes): errno {…}.</summary>
    [DoesNotReturn]
    public static void ThrowCannotMapSharedMemoryBytesErrno(object? arg0, object? arg1, object? arg2) =>
        throw new IOException(Format(SR.SharedMemory_CannotMapSharedMemoryBytesErrno, arg0, arg1, arg2));

    /// <summary>Creates <see cref="IOException"/>: Cannot open shared memory '{…}': errno {…}.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IOException CreateCannotOpenSharedMemoryErrno(object? arg0, object? arg1) =>
        new(Format(SR.SharedMemory_CannotOpenSharedMemoryErrno, arg0, arg1));

    /// <summary>Throws <see cref="IOException"/>: Cannot size shared memory '{…}' to {…} bytes: errno {…} (is /dev/shm full?).</summary>
    [DoesNotReturn]
    public static void ThrowCannotSizeSharedMemoryBytesErrno(object? arg0, object? arg1, object? arg2) =>
        throw new IOException(Format(SR.SharedMemory_CannotSizeSharedMemoryBytesErrno, arg0, arg1, arg2));

    /// <summary>Throws <see cref="IOException"/>: '{…}' was created by another version of Multiproc (segment layout {…}; this one reads layout {…}). Parent…</summary>
    [DoesNotReturn]
    public static void ThrowCreatedAnotherVersionMultiprocSegmentLayout(object? arg0, object? arg1, object? arg2) =>
        throw new IOException(Format(SR.SharedMemory_CreatedAnotherVersionMultiprocSegmentLayout, arg0, arg1, arg2));

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/>: index out of range: the ShareableList has {…} items (Python's IndexError).</summary>
    [DoesNotReturn]
    public static void ThrowIndexOutRangeShareableListItemsIndexError(string name0, object? actualValue1, object? arg0) =>
        throw new ArgumentOutOfRangeException(name0, actualValue1, Format(SR.SharedMemory_IndexOutRangeShareableListItemsIndexError, arg0));

    /// <summary>Throws <see cref="ArgumentException"/>: Invalid shared memory name '{…}': it must be 1 to {…} characters without '/' or NUL.</summary>
    [DoesNotReturn]
    public static void ThrowInvalidSharedMemoryNameMustCharacters(object? arg0, object? arg1, string name1) =>
        throw new ArgumentException(Format(SR.SharedMemory_InvalidSharedMemoryNameMustCharacters, arg0, arg1), name1);

    /// <summary>Creates <see cref="ArgumentException"/>: Item {…} is a {…}; a ShareableList holds integers, floating point, bools, strings, byte arrays and nulls.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ArgumentException CreateItemShareableListHoldsIntegersFloatingPoint(object? arg0, object? arg1, string name1) =>
        new(Format(SR.SharedMemory_ItemShareableListHoldsIntegersFloatingPoint, arg0, arg1), name1);

    /// <summary>Throws <see cref="WireFormatException"/>: The message does not describe a {…} (kind 0x{…}).</summary>
    [DoesNotReturn]
    public static void ThrowMessageDoesNotDescribeKindX(object? arg0, object? arg1) =>
        throw new WireFormatException(Format(SR.SharedMemory_MessageDoesNotDescribeKindX, arg0, arg1));

    /// <summary>Throws <see cref="ArgumentException"/>: A name is required to attach to an existing shared memory segment (Python: "'name' can only be None if cr…</summary>
    [DoesNotReturn]
    public static void ThrowNameRequiredAttachExistingSharedMemory(string name1) =>
        throw new ArgumentException(SR.SharedMemory_NameRequiredAttachExistingSharedMemory, name1);

    /// <summary>Throws <see cref="FileNotFoundException"/>: No shared memory segment named '{…}' exists (already unlinked?).</summary>
    [DoesNotReturn]
    public static void ThrowNoSharedMemorySegmentNamedExists(object? arg0, string name1) =>
        throw new FileNotFoundException(Format(SR.SharedMemory_NoSharedMemorySegmentNamedExists, arg0), name1);

    /// <summary>Creates <see cref="FileNotFoundException"/>: No shared memory segment named '{…}' exists ({…}); it was never created or has been unlinked (Python: Fil…</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static FileNotFoundException CreateNoSharedMemorySegmentNamedNeverCreated(object? arg0, object? arg1, string name1) =>
        new(Format(SR.SharedMemory_NoSharedMemorySegmentNamedExists2, arg0, arg1), name1);

    /// <summary>Throws <see cref="IOException"/>: '{…}' is not a Multiproc shared memory segment (bad header).</summary>
    [DoesNotReturn]
    public static void ThrowNotMultiprocSharedMemorySegmentBad(object? arg0) =>
        throw new IOException(Format(SR.SharedMemory_NotMultiprocSharedMemorySegmentBad, arg0));

    /// <summary>Throws <see cref="IOException"/>: '{…}' is not a Multiproc shared memory segment (too short for its header).</summary>
    [DoesNotReturn]
    public static void ThrowNotMultiprocSharedMemorySegmentToo(object? arg0) =>
        throw new IOException(Format(SR.SharedMemory_NotMultiprocSharedMemorySegmentToo, arg0));

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/>: The range [{…}, {…}) is outside the {…}-byte segment '{…}'.</summary>
    [DoesNotReturn]
    public static void ThrowRangeOutsideByteSegment(string name0, object? actualValue1, object? arg0, object? arg1, object? arg2, object? arg3) =>
        throw new ArgumentOutOfRangeException(name0, actualValue1, Format(SR.SharedMemory_RangeOutsideByteSegment, arg0, arg1, arg2, arg3));

    /// <summary>Throws <see cref="InvalidDataException"/>: The ShareableList in '{…}' has a corrupt header.</summary>
    [DoesNotReturn]
    public static void ThrowShareableListCorruptHeader(object? arg0) =>
        throw new InvalidDataException(Format(SR.SharedMemory_ShareableListCorruptHeader, arg0));

    /// <summary>Creates <see cref="InvalidDataException"/>: The ShareableList in '{…}' has a corrupt item {…}.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static InvalidDataException CreateShareableListCorruptItem(object? arg0, object? arg1) =>
        new(Format(SR.SharedMemory_ShareableListCorruptItem, arg0, arg1));

    /// <summary>Throws <see cref="InvalidDataException"/>: The ShareableList in '{…}' has a corrupt item {…}.</summary>
    [DoesNotReturn]
    public static void ThrowShareableListCorruptItem(object? arg0, object? arg1) =>
        throw new InvalidDataException(Format(SR.SharedMemory_ShareableListCorruptItem, arg0, arg1));

    /// <summary>Throws <see cref="InvalidDataException"/>: The shared memory block '{…}' does not hold a ShareableList.</summary>
    [DoesNotReturn]
    public static void ThrowSharedMemoryBlockDoesNotHold(object? arg0) =>
        throw new InvalidDataException(Format(SR.SharedMemory_SharedMemoryBlockDoesNotHold, arg0));

    /// <summary>Throws <see cref="WireFormatException"/>: Shared memory '{…}' holds no {…} at offset {…}.</summary>
    [DoesNotReturn]
    public static void ThrowSharedMemoryHoldsNoOffset(object? arg0, object? arg1, object? arg2) =>
        throw new WireFormatException(Format(SR.SharedMemory_SharedMemoryHoldsNoOffset, arg0, arg1, arg2));

    /// <summary>Throws <see cref="InvalidOperationException"/>: Shared memory segment '{…}' has {…} bytes, more than a span can cover; use GetSpan(offset, length).</summary>
    [DoesNotReturn]
    public static void ThrowSharedMemorySegmentBytesMoreThan(object? arg0, object? arg1) =>
        throw new InvalidOperationException(Format(SR.SharedMemory_SharedMemorySegmentBytesMoreThan, arg0, arg1));

    /// <summary>Creates <see cref="IOException"/>: A shared memory segment named '{…}' already exists ({…}); attach to it with create: false or choose anoth…</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IOException CreateSharedMemorySegmentNamedAlreadyExists(object? arg0, object? arg1) =>
        new(Format(SR.SharedMemory_SharedMemorySegmentNamedAlreadyExists, arg0, arg1));

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/>: The size of a new shared memory segment must be positive (Python: "'size' must be a positive number diffe…</summary>
    [DoesNotReturn]
    public static void ThrowSizeNewSharedMemorySegmentMust(string name0, object? actualValue1) =>
        throw new ArgumentOutOfRangeException(name0, actualValue1, SR.SharedMemory_SizeNewSharedMemorySegmentMust);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/>: The size of a new shared memory segment is too large.</summary>
    [DoesNotReturn]
    public static void ThrowSizeNewSharedMemorySegmentToo(string name0, object? actualValue1) =>
        throw new ArgumentOutOfRangeException(name0, actualValue1, SR.SharedMemory_SizeNewSharedMemorySegmentToo);

    /// <summary>Throws <see cref="IOException"/>: unlink('{…}') failed with errno {…}.</summary>
    [DoesNotReturn]
    public static void ThrowUnlinkFailedErrno(object? arg0, object? arg1) =>
        throw new IOException(Format(SR.SharedMemory_UnlinkFailedErrno, arg0, arg1));

    /// <summary>Throws <see cref="InvalidOperationException"/>: This {…} was created lock-free (Python's RawValue/RawArray or lock=False) and has no lock.</summary>
    [DoesNotReturn]
    public static void ThrowCreatedLockFreeRawValueRawArrayLock(object? arg0) =>
        throw new InvalidOperationException(Format(SR.Shared_CreatedLockFreeRawValueRawArrayLock, arg0));

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/>: Index {…} is outside the shared array of length {…} (Python: IndexError).</summary>
    [DoesNotReturn]
    public static void ThrowIndexOutsideSharedArrayLengthIndexError(string name0, object? actualValue1, object? arg0, object? arg1) =>
        throw new ArgumentOutOfRangeException(name0, actualValue1, Format(SR.Shared_IndexOutsideSharedArrayLengthIndexError, arg0, arg1));

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/>: The shared array is too large.</summary>
    [DoesNotReturn]
    public static void ThrowSharedArrayTooLarge(string name0, object? actualValue1) =>
        throw new ArgumentOutOfRangeException(name0, actualValue1, SR.Shared_SharedArrayTooLarge);

    /// <summary>Throws <see cref="WireFormatException"/>: Shared memory '{…}' does not hold a {…} with {…}-byte elements.</summary>
    [DoesNotReturn]
    public static void ThrowSharedMemoryDoesNotHoldByte(object? arg0, object? arg1, object? arg2) =>
        throw new WireFormatException(Format(SR.Shared_SharedMemoryDoesNotHoldByte, arg0, arg1, arg2));

    /// <summary>Creates <see cref="InvalidOperationException"/>: Cannot {…} asynchronously on a ProcessCondition over a ProcessRLock: a recursive lock belongs to one thre…</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static InvalidOperationException CreateCannotAsynchronouslyProcessConditionOverProcessRLockRecursive(object? arg0) =>
        new(Format(SR.Sync_CannotAsynchronouslyProcessConditionOverProcessRLockRecursive, arg0));

    /// <summary>Throws <see cref="InvalidOperationException"/>: Cannot {…} on a ProcessCondition whose lock {…} does not hold; acquire it first (Python: RuntimeError: ca…</summary>
    [DoesNotReturn]
    public static void ThrowCannotProcessConditionWhoseLockDoesNot(object? arg0, object? arg1, object? arg2) =>
        throw new InvalidOperationException(Format(SR.Sync_CannotProcessConditionWhoseLockDoesNot, arg0, arg1, arg2));

    /// <summary>Throws <see cref="InvalidOperationException"/>: Cannot release a ProcessRLock the calling thread does not own (Python: AssertionError: attempt to release…</summary>
    [DoesNotReturn]
    public static void ThrowCannotReleaseProcessRLockCallingThreadDoes() =>
        throw new InvalidOperationException(SR.Sync_CannotReleaseProcessRLockCallingThreadDoes);

    /// <summary>Throws <see cref="InvalidOperationException"/>: Cannot release an unlocked ProcessLock (Python: ValueError: semaphore or lock released too many times).</summary>
    [DoesNotReturn]
    public static void ThrowCannotReleaseUnlockedProcessLockValueErrorSemaphore() =>
        throw new InvalidOperationException(SR.Sync_CannotReleaseUnlockedProcessLockValueErrorSemaphore);

    /// <summary>Creates <see cref="WireFormatException"/>: Invalid lock kind 0x{…} in a ProcessCondition handle.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static WireFormatException CreateInvalidLockKindXProcessConditionHandle(object? arg0) =>
        new(Format(SR.Sync_InvalidLockKindXProcessConditionHandle, arg0));

    /// <summary>Throws <see cref="BrokenBarrierException"/>: A ProcessBarrier wait timed out; the barrier is now broken for every party.</summary>
    [DoesNotReturn]
    public static void ThrowProcessBarrierWaitTimedOutBarrierNow() =>
        throw new BrokenBarrierException(SR.Sync_ProcessBarrierWaitTimedOutBarrierNow);

    /// <summary>Throws <see cref="SemaphoreFullException"/>: A ProcessBoundedSemaphore with value {…} cannot be released above it (Python: ValueError: semaphore or lo…</summary>
    [DoesNotReturn]
    public static void ThrowProcessBoundedSemaphoreValueCannotReleasedAboveValueError(object? arg0) =>
        throw new SemaphoreFullException(Format(SR.Sync_ProcessBoundedSemaphoreValueCannotReleasedAboveValueError, arg0));

    /// <summary>Throws <see cref="SemaphoreFullException"/>: A ProcessSemaphore cannot count above {…}.</summary>
    [DoesNotReturn]
    public static void ThrowProcessSemaphoreCannotCountAbove(object? arg0) =>
        throw new SemaphoreFullException(Format(SR.Sync_ProcessSemaphoreCannotCountAbove, arg0));

    /// <summary>Throws <see cref="ArgumentException"/>: A timeout cannot be combined with blocking: false.</summary>
    [DoesNotReturn]
    public static void ThrowTimeoutCannotCombinedBlockingFalse(string name1) =>
        throw new ArgumentException(SR.Sync_TimeoutCannotCombinedBlockingFalse, name1);

    /// <summary>Creates <see cref="WireFormatException"/>: Invalid boolean byte {…} at offset {…}.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static WireFormatException CreateInvalidBooleanByteOffset(object? arg0, object? arg1) =>
        new(Format(SR.Wire_InvalidBooleanByteOffset, arg0, arg1));

    /// <summary>Throws <see cref="WireFormatException"/>: Invalid length {…} at offset {…}.</summary>
    [DoesNotReturn]
    public static void ThrowInvalidLengthOffset(object? arg0, object? arg1) =>
        throw new WireFormatException(Format(SR.Wire_InvalidLengthOffset, arg0, arg1));

    /// <summary>Creates <see cref="WireFormatException"/>: Invalid presence byte {…} at offset {…}.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static WireFormatException CreateInvalidPresenceByteOffset(object? arg0, object? arg1) =>
        new(Format(SR.Wire_InvalidPresenceByteOffset, arg0, arg1));

    /// <summary>Throws <see cref="WireFormatException"/>: Invalid value {…} for {…}.</summary>
    [DoesNotReturn]
    public static void ThrowInvalidValue(object? arg0, object? arg1) =>
        throw new WireFormatException(Format(SR.Wire_InvalidValue, arg0, arg1));

    /// <summary>Throws <see cref="WireFormatException"/>: Length {…} at offset {…} needs at least {…} bytes but only {…} remain.</summary>
    [DoesNotReturn]
    public static void ThrowLengthOffsetNeedsLeastBytesBut(object? arg0, object? arg1, object? arg2, object? arg3) =>
        throw new WireFormatException(Format(SR.Wire_LengthOffsetNeedsLeastBytesBut, arg0, arg1, arg2, arg3));

    /// <summary>Throws <see cref="InvalidOperationException"/>: A message of {…} bytes exceeds the largest buffer .NET can allocate ({…} bytes).</summary>
    [DoesNotReturn]
    public static void ThrowMessageBytesExceedsLargestBufferNET(object? arg0, object? arg1) =>
        throw new InvalidOperationException(Format(SR.Wire_MessageBytesExceedsLargestBufferNET, arg0, arg1));

    /// <summary>Throws <see cref="WireFormatException"/>: Nesting deeper than {…} levels.</summary>
    [DoesNotReturn]
    public static void ThrowNestingDeeperThanLevels(object? arg0) =>
        throw new WireFormatException(Format(SR.Wire_NestingDeeperThanLevels, arg0));

    /// <summary>Throws <see cref="InvalidOperationException"/>: The object graph is nested deeper than {…} levels, or has a cycle; it cannot be sent to another process.</summary>
    [DoesNotReturn]
    public static void ThrowObjectGraphNestedDeeperThanLevels(object? arg0) =>
        throw new InvalidOperationException(Format(SR.Wire_ObjectGraphNestedDeeperThanLevels, arg0));

    /// <summary>Throws <see cref="WireFormatException"/>: Truncated input: {…} bytes needed at offset {…}, {…} remain.</summary>
    [DoesNotReturn]
    public static void ThrowTruncatedInputBytesNeededOffsetRemain(object? arg0, object? arg1, object? arg2) =>
        throw new WireFormatException(Format(SR.Wire_TruncatedInputBytesNeededOffsetRemain, arg0, arg1, arg2));

    /// <summary>Throws <see cref="WireFormatException"/>: {…} unexpected trailing bytes after offset {…}.</summary>
    [DoesNotReturn]
    public static void ThrowUnexpectedTrailingBytesAfterOffset(object? arg0, object? arg1) =>
        throw new WireFormatException(Format(SR.Wire_UnexpectedTrailingBytesAfterOffset, arg0, arg1));
}
