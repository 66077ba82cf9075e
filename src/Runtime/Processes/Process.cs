using System.Diagnostics;
using Multiproc.Interop;
using Multiproc.Processes;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// A child process running a <c>[ProcessTarget]</c> method: Python's <c>multiprocessing.Process</c>.
/// Create one with the generated <c>Spawn.&lt;Method&gt;(args…)</c> (created and started) or with
/// <see cref="Create{TArgs, TResult}"/> (created; set <see cref="Daemon"/> or <see cref="Name"/>, then
/// <see cref="Start"/>). The child re-executes this program, passes the guard
/// (<see cref="Multiprocessing.TryRunChild"/>) and runs the target found by id in the generated dispatch table.
/// </summary>
/// <remarks>
/// Exit codes follow Python: 0 when the target returns, 1 when it throws (the child prints the exception on
/// its stderr and the parent receives it as <see cref="RemoteException"/>), the code the target passes to
/// <see cref="Environment.Exit"/>, and <c>-N</c> when killed by signal N. Members may be called from any
/// thread of the process that started the child; <see cref="Join"/> blocks.
/// </remarks>
[DebuggerDisplay("{Name,nq} pid={Pid} exit={ExitCode}")]
public class Process : IDisposable
{
    private readonly object _gate = new();
    private readonly byte[] _arguments;
    private readonly int[] _inheritedFds;
    private readonly string _identity;
    private readonly ProcessTargetInfo _target;
    private readonly TimeSpan _startTimeout;
    private string _name;
    private bool _daemon;
    private State _state;
    private int _pid;
    private PidFdHandle? _pidfd;
    private ProcessSentinel? _sentinel;
    private int? _exitCode;
    private ControlChannel? _channel;
    private Task? _reader;
    private byte[]? _resultBytes;
    private RemoteException? _remoteException;

    private protected Process(ProcessTargetInfo target, byte[] arguments, int[] inheritedFds, ProcessOptions? options)
    {
        _target = target;
        _arguments = arguments;
        _inheritedFds = inheritedFds;
        _identity = ProcessIdentity.NextChildIdentity();
        _name = options?.Name ?? $"Process-{_identity}";
        _daemon = options?.Daemon ?? ProcessIdentity.Current.Daemon;
        _startTimeout = options?.StartTimeout ?? TimeSpan.FromSeconds(60);
        if (_startTimeout <= TimeSpan.Zero)
        {
            ThrowHelper.ThrowProcessOptionsStartTimeoutMustPositive(nameof(options), StartTimeout);
        }
    }

    private enum State
    {
        Created,
        Running,
        Reaped,
        Closed,
    }

    /// <summary>The target this process runs.</summary>
    public ProcessTargetInfo Target
    {
        get
        {
            ThrowIfClosed();
            return _target;
        }
    }

    /// <summary>The name (Python's <c>name</c>); defaults to <c>Process-N</c>. Used in the child's error output.</summary>
    public string Name
    {
        get => _name;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            _name = value;
        }
    }

    /// <summary>
    /// Whether the child is a daemon (Python's <c>daemon</c>): terminated when the parent exits, killed with
    /// the parent, and not allowed to start children. Can only be set before <see cref="Start"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Set after the process was started.</exception>
    public bool Daemon
    {
        get
        {
            ThrowIfClosed();
            return _daemon;
        }

        set
        {
            lock (_gate)
            {
                ThrowIfClosed();
                if (_state != State.Created)
                {
                    ThrowHelper.ThrowProcessAlreadyStartedDaemonOnlySet();
                }

                _daemon = value;
            }
        }
    }

    /// <summary>The child's process id, or null before <see cref="Start"/> (Python's <c>pid</c>).</summary>
    public int? Pid
    {
        get
        {
            ThrowIfClosed();
            return _state == State.Created ? null : _pid;
        }
    }

    /// <summary>How long <see cref="Start"/> waits for the child to connect back.</summary>
    public TimeSpan StartTimeout
    {
        get
        {
            ThrowIfClosed();
            return _startTimeout;
        }
    }

    /// <summary>
    /// The exit code, or null while the child runs or before it starts (Python's <c>exitcode</c>):
    /// 0, 1 after an unhandled exception, the target's own code, or <c>-N</c> when killed by signal N.
    /// Does not block.
    /// </summary>
    public int? ExitCode
    {
        get
        {
            lock (_gate)
            {
                ThrowIfClosed();
                if (_state == State.Running)
                {
                    TryReap(block: false);
                }

                return _exitCode;
            }
        }
    }

    /// <summary>Whether the child has started and not yet exited (Python's <c>is_alive()</c>). Does not block.</summary>
    public bool IsAlive => _state != State.Created && ExitCode is null;

    /// <summary>
    /// A waitable that becomes ready when the child exits (Python's <c>sentinel</c>); its handle is a Linux
    /// pidfd that <c>poll</c> reports readable at exit.
    /// </summary>
    /// <exception cref="InvalidOperationException">The process was not started, or is closed.</exception>
    public ProcessSentinel Sentinel
    {
        get
        {
            lock (_gate)
            {
                ThrowIfClosed();
                if (_state == State.Created)
                {
                    ThrowHelper.ThrowProcessNotStartedSentinelExistsOnly();
                }

                return _sentinel ??= new ProcessSentinel(this, _pidfd!.Descriptor);
            }
        }
    }

    /// <summary>
    /// The exception the target threw, as a <see cref="RemoteException"/>, once the child has exited; null
    /// if it returned or was killed.
    /// </summary>
    public RemoteException? Exception
    {
        get
        {
            ThrowIfClosed();
            WaitForReaderIfExited();
            return _remoteException;
        }
    }

    /// <summary>
    /// Creates (does not start) a process that will run <paramref name="target"/> with <paramref name="arguments"/>:
    /// Python's <c>Process(target=f, args=(…))</c>. The arguments are serialized now.
    /// </summary>
    /// <typeparam name="TArgs">The argument type, a tuple for several parameters.</typeparam>
    /// <typeparam name="TResult">The target's return type (<see cref="ValueTuple"/> for void).</typeparam>
    /// <param name="target">The generated descriptor, <c>Targets.&lt;Method&gt;</c>.</param>
    /// <param name="arguments">The arguments.</param>
    /// <param name="options">Name, daemon flag and start timeout; null for defaults.</param>
    /// <returns>The unstarted process.</returns>
    public static Process<TResult> Create<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, TArgs arguments, ProcessOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        byte[] encoded = [];
        WireWrite<TArgs> write = target.WriteArguments;
        int[] fds = FdTransfer.CollectOutgoing(() =>
        {
            var writer = new WireWriter();
            try
            {
                write(ref writer, arguments);
                encoded = writer.ToArray();
            }
            finally
            {
                writer.Dispose();
            }
        });
        WireRead<TResult> read = target.ReadResult;
        return new Process<TResult>(target, encoded, fds, options, bytes =>
            {
                var reader = new WireReader(bytes);
                TResult value = read(ref reader);
                reader.EnsureFullyConsumed();
                return value;
            });
    }

    /// <summary>
    /// Creates (does not start) a process that will run <paramref name="target"/>, a target without parameters:
    /// Python's <c>Process(target=f)</c>. <c>Process.Create(Targets.Work)</c> is an unstarted process;
    /// <c>Spawn.Work()</c> creates and starts one.
    /// </summary>
    /// <typeparam name="TResult">The target's return type (<see cref="ValueTuple"/> for void).</typeparam>
    /// <param name="target">The generated descriptor, <c>Targets.&lt;Method&gt;</c>, of a method without parameters.</param>
    /// <param name="options">Name, daemon flag and start timeout; null for defaults.</param>
    /// <returns>The unstarted process.</returns>
    public static Process<TResult> Create<TResult>(ProcessTarget<ValueTuple, TResult> target, ProcessOptions? options = null) =>
        Create(target, default(ValueTuple), options);

    /// <summary>
    /// Starts the child (Python's <c>start()</c>) and waits until it has connected back and confirmed that it
    /// knows the target, so a wrong executable or another build fails here with a clear error.
    /// </summary>
    /// <exception cref="InvalidOperationException">Started twice, closed, or called in a daemon process.</exception>
    /// <exception cref="ProcessStartException">The child could not be started or did not take up its target.</exception>
    public void Start()
    {
        lock (_gate)
        {
            ThrowIfClosed();
            if (_state != State.Created)
            {
                ThrowHelper.ThrowCannotStartProcessTwice();
            }

            if (ProcessIdentity.Current.Daemon)
            {
                ThrowHelper.ThrowDaemonicProcessesNotAllowedChildren();
            }

            BootstrapGuard.ThrowIfBeforeGuard("start a process");
            if (ChildRegistry.IsExiting)
            {
                throw ExitingError();
            }

            StartRequest request = new(_target, _arguments, _inheritedFds, _name, _identity, _daemon, _startTimeout);
            LaunchedChild child = ChildLauncher.Launch(request);
            _pid = child.Pid;
            _pidfd = new PidFdHandle(child.PidFd);
            _channel = child.Channel;
            _state = State.Running;
            _reader = ReadOutcomeAsync(child.Channel);
            if (!ChildRegistry.TryAdd(this))
            {
                // The exit cleanup began while this child started: it would be neither terminated nor joined.
                Libc.Kill(_pid, Libc.SIGKILL);
                TryReap(block: true);
                throw ExitingError();
            }

            MultiprocLog.ChildStarted(_pid, _name, Target.Name);
        }
    }

    /// <summary>
    /// Starts the child without blocking the calling thread during the handshake. See <see cref="Start"/>.
    /// </summary>
    /// <param name="cancellationToken">Cancels waiting; the child, if launched, is killed.</param>
    /// <returns>A task that completes when the child is running its target.</returns>
    public Task StartAsync(CancellationToken cancellationToken = default) =>
        Task.Run(Start, cancellationToken);

    /// <summary>
    /// Waits for the child to exit (Python's <c>join(timeout)</c>). Returns true if it exited, false if the
    /// timeout passed first (then <see cref="ExitCode"/> is still null).
    /// </summary>
    /// <param name="timeout">How long to wait; null waits forever.</param>
    /// <returns>True when the child has exited.</returns>
    /// <exception cref="InvalidOperationException">The process was never started, is closed, or is the current process.</exception>
    public bool Join(TimeSpan? timeout = null)
    {
        PidFdHandle pidfd;
        bool held = false;
        lock (_gate)
        {
            ThrowIfClosed();
            if (_state == State.Created)
            {
                ThrowHelper.ThrowOnlyJoinStartedProcess();
            }

            if (_state == State.Reaped)
            {
                WaitForReader();
                return true;
            }

            // Another thread may reap and Close() this process during the wait (a pool closing a worker it has just
            // reaped while the exit hook joins it): the reference keeps the pidfd open until the wait ends.
            pidfd = _pidfd!;
            pidfd.DangerousAddRef(ref held);
        }

        bool exited;
        try
        {
            exited = Libc.PollReadable(pidfd.Descriptor, timeout);
        }
        finally
        {
            if (held)
            {
                pidfd.DangerousRelease();
            }
        }

        if (!exited)
        {
            return false;
        }

        lock (_gate)
        {
            if (_state == State.Running)
            {
                TryReap(block: true);
            }
        }

        WaitForReader();
        return true;
    }

    /// <summary>Waits for the child to exit without blocking a thread.</summary>
    /// <param name="cancellationToken">Stops waiting (the child keeps running).</param>
    /// <returns>A task that completes when the child has exited.</returns>
    public async Task JoinAsync(CancellationToken cancellationToken = default)
    {
        Task reader;
        lock (_gate)
        {
            ThrowIfClosed();
            if (_state == State.Created)
            {
                ThrowHelper.ThrowOnlyJoinStartedProcess();
            }

            reader = _reader!;
        }

        // The control channel reaches end-of-stream when the child exits; the reap that follows is immediate.
        await reader.WaitAsync(cancellationToken).ConfigureAwait(false);
        await Task.Run(() => Join(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends SIGTERM (Python's <c>terminate()</c>); the exit code becomes -15. No effect once the child has exited.</summary>
    public void Terminate() => Signal(Libc.SIGTERM);

    /// <summary>Sends SIGKILL (Python's <c>kill()</c>); the exit code becomes -9. No effect once the child has exited.</summary>
    public void Kill() => Signal(Libc.SIGKILL);

    /// <summary>Sends <paramref name="signal"/> while the child runs (not reaped, so its pid cannot have been reused).</summary>
    internal void SendSignal(int signal) => Signal(signal);

    /// <summary>
    /// Releases the process's resources (Python's <c>close()</c>). Afterwards every member but
    /// <see cref="Name"/> throws.
    /// </summary>
    /// <exception cref="InvalidOperationException">The child is still running.</exception>
    public void Close()
    {
        lock (_gate)
        {
            if (_state == State.Closed)
            {
                return;
            }

            if (_state == State.Running && !TryReap(block: false))
            {
                ThrowHelper.ThrowCannotCloseProcessWhileStillRunning(_name, _pid);
            }

            ReleaseHandles();
            _state = State.Closed;
        }
    }

    /// <summary>
    /// Closes the process if it has exited; if it is still running, kills it, waits for it and closes it, so
    /// that a <c>using</c> block never leaves a child behind.
    /// </summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_state == State.Running && !TryReap(block: false))
            {
                Libc.Kill(_pid, Libc.SIGKILL);
                TryReap(block: true);
            }
        }

        Close();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        string status = _state switch
        {
            State.Created => "initial",
            State.Closed => "closed",
            _ => ExitCode is int code ? $"stopped exitcode={code}" : "started",
        };
        return $"<Process name='{_name}' pid={(_state == State.Created ? "None" : _pid)} {status}{(_daemon ? " daemon" : string.Empty)}>";
    }

    /// <summary>The encoded result once the child has exited, or the reason there is none.</summary>
    private protected byte[] GetResultBytes()
    {
        Join();
        if (_remoteException is not null)
        {
            throw _remoteException;
        }

        if (_resultBytes is not null)
        {
            return _resultBytes;
        }

        int code = _exitCode ?? 0;
        string how = code < 0 ? $"was killed by signal {-code}" : $"exited with code {code}";
        throw ThrowHelper.CreateProcessPidWithoutReturningResult(_name, _pid, how, _target.Name, code);
    }

    /// <summary>Async counterpart of <see cref="GetResultBytes"/>.</summary>
    private protected async Task<byte[]> GetResultBytesAsync(CancellationToken cancellationToken)
    {
        await JoinAsync(cancellationToken).ConfigureAwait(false);
        return GetResultBytes();
    }

    /// <summary>Called at exit of this program: is the child still running?</summary>
    internal bool IsRunningForExit
    {
        get
        {
            lock (_gate)
            {
                return _state == State.Running && !TryReap(block: false);
            }
        }
    }

    private void Signal(int signal)
    {
        lock (_gate)
        {
            ThrowIfClosed();
            if (_state == State.Created)
            {
                ThrowHelper.ThrowProcessNotStartedNothingSignal();
            }

            // The child is not reaped until we reap it, so its pid cannot have been reused.
            if (_state == State.Running)
            {
                Libc.Kill(_pid, signal);
                MultiprocLog.ChildSignalled(_pid, _name, signal);
            }
        }
    }

    private ProcessStartException ExitingError() =>
        ThrowHelper.CreateCannotStartProcessProgramExitingExit(_name);

    /// <summary>Reaps the child if it has exited (or waits when <paramref name="block"/>). Caller holds the gate.</summary>
    private bool TryReap(bool block)
    {
        Debug.Assert(Monitor.IsEntered(_gate));
        if (_state != State.Running)
        {
            return true;
        }

        if (!Libc.TryReap(_pid, block, out int exitCode))
        {
            return false;
        }

        _exitCode = exitCode;
        MultiprocLog.ChildExited(_pid, _name, exitCode);
        _state = State.Reaped;
        ChildRegistry.Remove(this);
        return true;
    }

    private async Task ReadOutcomeAsync(ControlChannel channel)
    {
        try
        {
            while (await channel.ReceiveAsync(CancellationToken.None).ConfigureAwait(false) is { } frame)
            {
                switch (frame.Kind)
                {
                    case ControlMessageKind.Result:
                        _resultBytes = frame.Payload;
                        break;
                    case ControlMessageKind.Failed:
                        _remoteException = ChildOutcome.DecodeException(frame.Payload);
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            // The child died in the middle of a frame: there is no outcome; the exit code tells what happened.
        }
    }

    private void WaitForReaderIfExited()
    {
        if (_state == State.Reaped || (_state == State.Running && ExitCode is not null))
        {
            WaitForReader();
        }
    }

    private void WaitForReader()
    {
        // The child has exited, so the channel is at end-of-stream: the reader finishes promptly.
        _reader?.GetAwaiter().GetResult();
    }

    private void ReleaseHandles()
    {
        _channel?.Dispose();
        _channel = null;
        _pidfd?.Dispose(); // closed now, or when the last Join() polling it returns
        _pidfd = null;
    }

    private void ThrowIfClosed()
    {
        if (_state == State.Closed)
        {
            ThrowHelper.ThrowProcessClosed(nameof(Process));
        }
    }
}
