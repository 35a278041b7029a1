-- Reports select an institution's requests by the date they were filed.
CREATE INDEX requests_created ON requests (institution, created_at);
