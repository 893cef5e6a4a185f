using System;
using System.IO;

namespace Examples.IMM0009;

public static class Before
{
    // warning IMM0009: 'File.WriteAllText' writes into the application's own directory (from 'AppContext.BaseDirectory'); ...
    public static void SaveState(string json)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "state.json");
        File.WriteAllText(path, json);
    }
}

public static class After
{
    // Write to a configured data directory (a mounted volume), or a temporary directory for scratch files.
    public static void SaveState(string json)
    {
        string dataDirectory = Environment.GetEnvironmentVariable("APP_DATA_DIR") ?? Path.GetTempPath();
        File.WriteAllText(Path.Combine(dataDirectory, "state.json"), json);
    }
}
