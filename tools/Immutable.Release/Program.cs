using Immutable.Release;

return Cli.Run(args, Console.Out, Console.Error);
