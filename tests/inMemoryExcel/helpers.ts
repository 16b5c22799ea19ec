/** Shared by the in-memory Excel tests. */
import { InMemoryExcelError } from '../../src/inMemoryExcel';

/** The error a batch rejected with (fails the test when it resolved). */
export async function rejection(p: Promise<unknown>): Promise<InMemoryExcelError> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof InMemoryExcelError)) throw e;
    return e;
  }
  throw new Error('expected a rejection');
}
