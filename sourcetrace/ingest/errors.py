class IngestError(Exception):
    """A file or record that cannot be analysed; ``str()`` names it and the problem."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
