namespace Multiproc.Tests.Targets.Connections;

/// <summary>
/// Child-side targets for the connection tests: a <see cref="Connection"/> arrives as an argument (its descriptor is
/// inherited by the child) and the child talks back through it. They run in the test host program once the
/// generator emits the dispatch table.
/// </summary>
public static class ConnectionTargets
{
    /// <summary>Answers every bytes message with the same bytes until the parent closes its end; returns the count.</summary>
    [ProcessTarget]
    public static int ConnectionEchoBytes(Connection connection)
    {
        int count = 0;
        using (connection)
        {
            while (true)
            {
                byte[] message;
                try
                {
                    message = connection.RecvBytes();
                }
                catch (EndOfStreamException)
                {
                    return count;
                }

                connection.SendBytes(message);
                count++;
            }
        }
    }

    /// <summary>Receives bytes messages until the parent closes its end, sending one answer of <paramref name="answerSize"/> bytes first; returns how many arrived.</summary>
    [ProcessTarget]
    public static int ConnectionAnswerOnceThenCount(Connection connection, int answerSize)
    {
        using (connection)
        {
            connection.SendBytes(new byte[answerSize]);
            int count = 0;
            try
            {
                while (true)
                {
                    connection.RecvBytes();
                    count++;
                }
            }
            catch (Exception e) when (e is EndOfStreamException or IOException)
            {
                // A parent that closes with our answer unread resets the stream (after what it sent was read).
                return count;
            }
        }
    }

    /// <summary>Answers every string with its upper-case form until the parent closes its end (typed messages).</summary>
    [ProcessTarget]
    public static void ConnectionEchoUpper(Connection connection)
    {
        using (connection)
        {
            while (true)
            {
                string text;
                try
                {
                    text = connection.Recv<string>();
                }
                catch (EndOfStreamException)
                {
                    return;
                }

                connection.Send(text.ToUpperInvariant());
            }
        }
    }

    /// <summary>Sends 0 … <paramref name="count"/>-1 on the write end of a one-way pipe, then closes it.</summary>
    [ProcessTarget]
    public static void ConnectionSendNumbers(Connection writer, int count)
    {
        using (writer)
        {
            for (int i = 0; i < count; i++)
            {
                writer.Send(i);
            }
        }
    }

    /// <summary>Sums the ints arriving on the read end of a one-way pipe until end of stream.</summary>
    [ProcessTarget]
    public static long ConnectionSumNumbers(Connection reader)
    {
        long sum = 0;
        using (reader)
        {
            try
            {
                while (true)
                {
                    sum += reader.Recv<int>();
                }
            }
            catch (EndOfStreamException)
            {
                return sum;
            }
        }
    }

    /// <summary>Reports the direction flags the child's end arrived with: "readable,writable", "readable," or ",writable".</summary>
    [ProcessTarget]
    public static string ConnectionDirection(Connection connection)
    {
        using (connection)
        {
            return $"{(connection.Readable ? "readable" : "")},{(connection.Writable ? "writable" : "")}";
        }
    }

    /// <summary>Sends one large message (16 MiB of a known pattern) and waits for the parent's one-byte acknowledgement.</summary>
    [ProcessTarget]
    public static void ConnectionSendLarge(Connection connection, int size)
    {
        using (connection)
        {
            byte[] data = new byte[size];
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = (byte)(i * 31);
            }

            connection.SendBytes(data);
            connection.RecvBytes(maxLength: 1);
        }
    }

    /// <summary>Connects to a Listener of the parent (Unix path or "host:port"), authenticates, sends its pid and returns.</summary>
    [ProcessTarget]
    public static void ConnectionClientSendsPid(string address, byte[] authkey)
    {
        int colon = address.LastIndexOf(':');
        System.Net.EndPoint endpoint = address.StartsWith('/')
            ? new System.Net.Sockets.UnixDomainSocketEndPoint(address)
            : new System.Net.DnsEndPoint(address[..colon], int.Parse(address[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        using Connection connection = Multiprocessing.Client(endpoint, authkey);
        connection.Send(Environment.ProcessId);
    }

    /// <summary>Exits without closing the connection: the parent must see end of stream once the child is gone.</summary>
    [ProcessTarget]
    public static void ConnectionExitWithoutClosing(Connection connection) => connection.Send("bye");
}
