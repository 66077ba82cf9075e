using System.Runtime.CompilerServices;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Multiproc.Distributed.Brokers;

/// <summary>
/// <see cref="ITaskBroker"/> on NATS JetStream. Tasks: a work-queue stream <c>MP_&lt;queue&gt;_TASKS</c>
/// (file storage, <c>Msg-Id</c> de-duplication, <c>MaxMsgs</c> with discard-new for back-pressure, <c>MaxAge</c>)
/// read through one shared durable pull consumer <c>workers</c> (explicit ack, <c>AckWait</c>, <c>MaxDeliver</c>).
/// Results: a limits stream <c>MP_&lt;queue&gt;_RESULTS</c> with one subject per caller, read by the caller
/// through an ordered consumer (which survives server restarts) and bounded by <c>MaxAge</c>.
/// Cancellations: a plain subject.
/// </summary>
internal sealed class NatsTaskBroker : ITaskBroker
{
    /// <summary>The durable consumer every worker node pulls from.</summary>
    private const string WorkerConsumer = "workers";

    /// <summary>JetStream's error code for a store refusal (the stream is full).</summary>
    private const int StoreFailedErrorCode = 10077;

    private readonly NatsConnection _connection;
    private readonly NatsJSContext _js;
    private readonly DistributedOptions _options;
    private readonly string _tasksStream;
    private readonly string _resultsStream;
    private readonly string _prefix;

    private NatsTaskBroker(NatsConnection connection, DistributedOptions options)
    {
        _connection = connection;
        _js = new NatsJSContext(connection);
        _options = options;
        _tasksStream = $"MP_{options.QueueName}_TASKS";
        _resultsStream = $"MP_{options.QueueName}_RESULTS";
        _prefix = $"mp.{options.QueueName}";
    }

    /// <summary>Room kept for the headers (<c>Nats-Msg-Id</c>) beside a message's body.</summary>
    private const int HeaderRoom = 1024;

    /// <inheritdoc/>
    /// <remarks>The server's <c>max_payload</c> (1 MiB by default) less room for the headers.</remarks>
    public int MaxMessageBytes => (int)Math.Min(int.MaxValue, Math.Max(HeaderRoom, (_connection.ServerInfo?.MaxPayload ?? 1024 * 1024) - HeaderRoom));

    /// <summary>Connects, authenticates and creates (or updates) the streams and the worker consumer.</summary>
    /// <exception cref="UnauthorizedAccessException">The server refused the credentials.</exception>
    /// <exception cref="InvalidOperationException">The server is unreachable, or has no JetStream.</exception>
    public static async Task<NatsTaskBroker> ConnectAsync(string connectionString, DistributedOptions options, string clientName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        options.Validate();
        NatsAuthOpts auth = NatsAuthOpts.Default;
        if (options.Username is not null || options.Token is not null)
        {
            auth = auth with { Username = options.Username, Password = options.Password, Token = options.Token };
        }

        var natsOptions = NatsOpts.Default with
        {
            Url = connectionString,
            Name = clientName,
            AuthOpts = auth,
            ConnectTimeout = options.ConnectTimeout,
            MaxReconnectRetry = -1,
            ReconnectWaitMin = TimeSpan.FromMilliseconds(100),
            ReconnectWaitMax = TimeSpan.FromSeconds(2),
            SubPendingChannelCapacity = 65536,
        };
        var connection = new NatsConnection(natsOptions);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.ConnectTimeout);
            await connection.ConnectAsync().AsTask().WaitAsync(timeout.Token).ConfigureAwait(false);
            var broker = new NatsTaskBroker(connection, options);
            await broker.EnsureTopologyAsync(timeout.Token).ConfigureAwait(false);
            return broker;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw Describe(e, connectionString, options);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<(ulong Sequence, bool Duplicate)> PublishTaskAsync(ulong targetId, string taskId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        string subject = $"{_prefix}.tasks.{targetId:x16}";
        var opts = new NatsJSPubOpts { MsgId = taskId, RetryAttempts = 1 };
        int backoffMs = 10;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                PubAckResponse ack = await _js.PublishAsync(subject, body, NatsRawSerializer<ReadOnlyMemory<byte>>.Default, opts, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (ack.Error is null)
                {
                    return (ack.Seq, ack.Duplicate);
                }

                if (!IsFull(ack.Error))
                {
                    throw new InvalidOperationException($"nats-server refused task {taskId}: {ack.Error.Description} (code {ack.Error.ErrCode}).");
                }
            }
            catch (NatsJSApiException e) when (IsFull(e.Error))
            {
                // The queue is full: wait for room (back-pressure), with the same Msg-Id so nothing doubles.
            }
            catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                // Disconnected or the server is restarting: the client reconnects; publish again.
            }

            await Task.Delay(backoffMs, cancellationToken).ConfigureAwait(false);
            backoffMs = Math.Min(backoffMs * 2, 500);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<bool> DeleteTaskAsync(ulong sequence, CancellationToken cancellationToken)
    {
        try
        {
            StreamMsgDeleteResponse response = await _js.DeleteMessageAsync(_tasksStream, new StreamMsgDeleteRequest { Seq = sequence, NoErase = true }, cancellationToken).ConfigureAwait(false);
            return response.Success;
        }
        catch (NatsJSApiException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<IBrokerDelivery> PullTasksAsync(int maxInFlight, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        INatsJSConsumer consumer = await _js.GetConsumerAsync(_tasksStream, WorkerConsumer, cancellationToken).ConfigureAwait(false);
        var opts = new NatsJSConsumeOpts { MaxMsgs = maxInFlight, Expires = TimeSpan.FromSeconds(5), IdleHeartbeat = TimeSpan.FromSeconds(1) };
        IAsyncEnumerable<INatsJSMsg<byte[]>> messages = consumer.ConsumeAsync(NatsRawSerializer<byte[]>.Default, opts, cancellationToken);
        await foreach (INatsJSMsg<byte[]> message in messages.ConfigureAwait(false))
        {
            yield return new NatsDelivery(message);
        }
    }

    /// <inheritdoc/>
    public async ValueTask PublishResultAsync(string callerId, string resultId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        PubAckResponse ack = await _js.PublishAsync($"{_prefix}.results.{callerId}", body, NatsRawSerializer<ReadOnlyMemory<byte>>.Default, new NatsJSPubOpts { MsgId = resultId }, cancellationToken: cancellationToken).ConfigureAwait(false);
        // A duplicate is success: the task ran again after its first result was stored (its node died before acking).
        if (ack.Error is { } error)
        {
            throw new InvalidOperationException($"nats-server did not store the result {resultId}: {error.Description} (code {error.ErrCode}).");
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<byte[]> ReadResultsAsync(string callerId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var opts = new NatsJSOrderedConsumerOpts
        {
            FilterSubjects = [$"{_prefix}.results.{callerId}"],
            DeliverPolicy = ConsumerConfigDeliverPolicy.All,
            MaxResetAttempts = -1,
        };
        INatsJSConsumer consumer = await _js.CreateOrderedConsumerAsync(_resultsStream, opts, cancellationToken).ConfigureAwait(false);
        await foreach (INatsJSMsg<byte[]> message in consumer.ConsumeAsync(NatsRawSerializer<byte[]>.Default, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (message.Data is { } data)
            {
                yield return data;
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask PurgeResultsAsync(string callerId, CancellationToken cancellationToken) =>
        await _js.PurgeStreamAsync(_resultsStream, new StreamPurgeRequest { Filter = $"{_prefix}.results.{callerId}" }, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public ValueTask PublishCancellationAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        _connection.PublishAsync($"{_prefix}.cancel", body, serializer: NatsRawSerializer<ReadOnlyMemory<byte>>.Default, cancellationToken: cancellationToken);

    /// <inheritdoc/>
    public async IAsyncEnumerable<byte[]> ReadCancellationsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (NatsMsg<byte[]> message in _connection.SubscribeAsync($"{_prefix}.cancel", serializer: NatsRawSerializer<byte[]>.Default, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (message.Data is { } data)
            {
                yield return data;
            }
        }
    }

    /// <summary>How many tasks are queued or held by workers (for tests and diagnostics).</summary>
    internal async ValueTask<long> CountQueuedTasksAsync(CancellationToken cancellationToken)
    {
        INatsJSStream stream = await _js.GetStreamAsync(_tasksStream, cancellationToken: cancellationToken).ConfigureAwait(false);
        return stream.Info.State.Messages;
    }

    /// <summary>How many results are stored (for tests and diagnostics).</summary>
    internal async ValueTask<long> CountStoredResultsAsync(CancellationToken cancellationToken)
    {
        INatsJSStream stream = await _js.GetStreamAsync(_resultsStream, cancellationToken: cancellationToken).ConfigureAwait(false);
        return stream.Info.State.Messages;
    }

    /// <summary>The raw connection, for tests that publish by hand (malformed messages).</summary>
    internal NatsConnection Connection => _connection;

    /// <summary>The subject a task for <paramref name="targetId"/> is published on.</summary>
    internal string TaskSubject(ulong targetId) => $"{_prefix}.tasks.{targetId:x16}";

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await _connection.DisposeAsync().ConfigureAwait(false);

    private async Task EnsureTopologyAsync(CancellationToken cancellationToken)
    {
        TimeSpan duplicates = TimeSpan.FromMinutes(2);
        await _js.CreateOrUpdateStreamAsync(new StreamConfig(_tasksStream, [$"{_prefix}.tasks.>"])
        {
            Retention = StreamConfigRetention.Workqueue,
            Storage = StreamConfigStorage.File,
            Discard = StreamConfigDiscard.New,
            MaxMsgs = _options.MaxQueuedTasks,
            MaxAge = _options.TaskTimeToLive,
            DuplicateWindow = duplicates < _options.TaskTimeToLive ? duplicates : _options.TaskTimeToLive,
        }, cancellationToken).ConfigureAwait(false);
        await _js.CreateOrUpdateStreamAsync(new StreamConfig(_resultsStream, [$"{_prefix}.results.>"])
        {
            Retention = StreamConfigRetention.Limits,
            Storage = StreamConfigStorage.File,
            Discard = StreamConfigDiscard.Old,
            MaxAge = _options.ResultTimeToLive,
            DuplicateWindow = duplicates < _options.ResultTimeToLive ? duplicates : _options.ResultTimeToLive,
        }, cancellationToken).ConfigureAwait(false);
        await _js.CreateOrUpdateConsumerAsync(_tasksStream, new ConsumerConfig(WorkerConsumer)
        {
            DurableName = WorkerConsumer,
            AckPolicy = ConsumerConfigAckPolicy.Explicit,
            AckWait = _options.AckWait,
            // One delivery more than allowed: the worker that receives it reports the poison task instead of running it.
            MaxDeliver = _options.MaxDeliveries + 1,
            MaxAckPending = 100_000,
            FilterSubject = $"{_prefix}.tasks.>",
        }, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsFull(ApiError error) =>
        error.ErrCode == StoreFailedErrorCode || (error.Description?.Contains("maximum", StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>Failures that pass when the client has reconnected (anything else is thrown to the caller).</summary>
    private static bool IsTransient(Exception e) =>
        e is NatsNoRespondersException or NatsNoReplyException or NatsConnectionFailedException or NatsTimeoutException
            or NatsJSPublishNoResponseException or NatsJSApiNoResponseException or NatsJSTimeoutException or NatsJSConnectionException or TimeoutException;

    private static Exception Describe(Exception e, string connectionString, DistributedOptions options)
    {
        string where = Redact(connectionString);
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is NatsServerException { IsAuthError: true } auth || inner.Message.Contains("Authorization Violation", StringComparison.OrdinalIgnoreCase))
            {
                return new UnauthorizedAccessException(
                    $"nats-server at {where} refused the credentials ({inner.Message.Trim()}). Set DistributedOptions.Username and Password, or Token, or put user:password in the connection string.", e);
            }

            if (inner is NatsJSApiException api)
            {
                return new InvalidOperationException(
                    $"nats-server at {where} refused to set up queue '{options.QueueName}': {api.Error.Description} (code {api.Error.ErrCode}). Is JetStream enabled (nats-server -js)?", e);
            }
        }

        if (e is OperationCanceledException or TimeoutException)
        {
            return new InvalidOperationException(
                $"Could not connect to nats-server at {where} within {options.ConnectTimeout.TotalSeconds:0.#} s. Is it running, with JetStream enabled (nats-server -js)?", e);
        }

        return new InvalidOperationException($"Could not connect to nats-server at {where}: {e.Message}", e);
    }

    /// <summary>The connection string without a password.</summary>
    private static string Redact(string connectionString) =>
        Uri.TryCreate(connectionString, UriKind.Absolute, out Uri? uri) && uri.UserInfo.Length > 0
            ? connectionString.Replace(uri.UserInfo, uri.UserInfo.Split(':')[0] + ":***", StringComparison.Ordinal)
            : connectionString;
}
