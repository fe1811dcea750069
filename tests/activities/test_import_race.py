"""A checked file imports once, even when several requests race with its token (a double click,
two tabs): PostgreSQL, real transactions."""

import threading

import pytest
from django.db import connection

from estafette.activities import importer
from estafette.activities.models import Activity, ImportBatch

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 8


def test_racing_clicks_on_one_checked_file_import_it_once(organiser, organisation, open_edition):
    batch = importer.keep_checked_file(
        data=importer.template_csv(open_edition),
        filename="lijst.csv",
        lead_organisation=organisation,
        by=organiser,
    )
    barrier = threading.Barrier(THREADS)
    imported, refused, errors = [], [], []

    def click():
        try:
            barrier.wait()
            done, _result = importer.import_checked_file(
                token=str(batch.token), edition=open_edition, by=organiser
            )
            imported.append(done)
        except importer.ImportFileError:
            refused.append(1)
        except BaseException as error:  # collected, asserted on below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(imported) == 1 and len(refused) == THREADS - 1
    assert Activity.objects.count() == 1
    assert ImportBatch.objects.get().activities.count() == 1
